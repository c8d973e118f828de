"""The attacker against the disclosure rules: old rules leak, the table protection holds."""

import numpy as np
import pytest

from safercities.stats.attack import PublishedCell, PublishedGap, PublishedTable, attack
from safercities.stats.disclosure import (
    PRIMARY,
    SECONDARY,
    TableCell,
    exposed,
    primary_risk,
    protect_table,
    suppress_small_cells,
)


def publish(name, cells, hidden, *, floor=1, has_share=True, total=True):
    """What a visitor sees: shown cells with count and share, withheld ones with a label."""
    out = []
    for key, c in cells.items():
        if key in hidden:
            out.append(PublishedCell(key, label=PRIMARY if c.n < 5 else SECONDARY))
        else:
            share = c.positives / c.n if has_share and c.n else None
            out.append(PublishedCell(key, c.n, share))
    n = sum(c.n for c in cells.values())
    k = sum(c.positives or 0 for c in cells.values())
    return PublishedTable(
        name,
        n if total else None,
        (k / n if has_share and n else None) if total else None,
        out,
        floor=floor,
        has_share=has_share,
    )


def old_rule(cells):
    """The landed rule: primary below 5, one complementary cell only when one is hidden."""
    kept = suppress_small_cells({k: c.n for k, c in cells.items()})
    return {k: PRIMARY for k, v in kept.items() if v is None}


def test_two_small_age_bands_where_everyone_was_a_victim_leak_under_the_old_rule():
    cells = {
        "65_plus": TableCell(2, 2),
        "55_64": TableCell(2, 2),
        "35_54": TableCell(40, 10),
        "16_34": TableCell(50, 12),
    }
    findings = attack([publish("age", cells, old_rule(cells))])
    assert {f.key for f in findings} >= {"65_plus", "55_64"}
    assert attack([publish("age", cells, protect_table(cells))]) == []


def test_categories_shown_as_fewer_than_five_are_recovered_as_zeros_under_the_old_rule():
    cells = {"assault": TableCell(0), "theft": TableCell(0), "harassment": TableCell(20)}
    leaked = attack([publish("incidents", cells, old_rule(cells), floor=0, has_share=False)])
    assert {f.key for f in leaked} == {"assault", "theft"}
    hidden = protect_table(cells, floor=0)
    assert hidden.keys() == {"assault", "theft", "harassment"}
    assert attack([publish("incidents", cells, hidden, floor=0, has_share=False)]) == []


def test_a_gap_next_to_one_withheld_group_gives_its_share_away():
    cells = {
        "dont_know": TableCell(3, 1),
        "formal": TableCell(30, 6),
        "informal": TableCell(50, 20),
    }
    hidden = old_rule(cells)  # dont_know and formal
    table = publish("prevalence/settlement_type", cells, hidden)
    gap = PublishedGap("prevalence/settlement_type", "informal", "formal", 0.2)
    assert any(f.what == "share from gap" for f in attack([table], [gap]))


def test_victim_counts_under_five_shown_in_plain_sight_are_found_and_now_withheld():
    cells = {"female": TableCell(60, 3), "male": TableCell(55, 9)}
    findings = attack([publish("robbery/sex", cells, old_rule(cells))])
    assert [(f.key, f.what) for f in findings] == [("female", "shown small cell")]
    assert protect_table(cells).keys() == {"female", "male"}


def test_a_cell_dominated_by_one_weight_is_withheld():
    weights = np.array([50.0, 1, 1, 1, 1, 1])
    kish = weights.sum() ** 2 / (weights**2).sum()
    assert kish < 1.25
    cell = TableCell(6, 3, kish)
    assert primary_risk(cell)
    cells = {"a": cell, "b": TableCell(80, 20, 70.0), "c": TableCell(90, 30, 80.0)}
    assert "a" in protect_table(cells)
    assert old_rule(cells) == {}  # the landed rule showed it: 6 respondents


def test_everyone_in_a_group_having_the_attribute_is_protected():
    cells = {"a": TableCell(7, 7), "b": TableCell(80, 20), "c": TableCell(90, 30)}
    assert protect_table(cells)["a"] == PRIMARY


def random_table(rng, *, counts_only):
    size = int(rng.integers(2, 8))
    cells = {}
    for index in range(size):
        n = int(rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 30, 150]))
        if not counts_only and n == 0:
            n = 1
        mode = rng.random()
        if counts_only:
            k = None
        elif mode < 0.2:
            k = 0
        elif mode < 0.35:
            k = n
        else:
            k = int(rng.integers(0, n + 1))
        cells[f"g{index}"] = TableCell(n, k)
    return cells


@pytest.mark.parametrize("counts_only", [False, True])
def test_the_attacker_recovers_nothing_from_generated_adversarial_tables(counts_only):
    rng = np.random.default_rng(20240 + counts_only)
    floor = 0 if counts_only else 1
    leaked_before = 0
    for run in range(120):
        cells = random_table(rng, counts_only=counts_only)
        hidden = protect_table(cells, floor=floor)
        total_shown = (
            not exposed(cells, hidden, floor=floor) and sum(c.n for c in cells.values()) >= 5
        )
        if not total_shown:
            hidden = dict.fromkeys(cells, PRIMARY)
        table = publish(
            f"t{run}", cells, hidden, floor=floor, has_share=not counts_only, total=total_shown
        )
        assert attack([table]) == [], (cells, hidden)
        leaked_before += bool(
            attack(
                [publish(f"t{run}", cells, old_rule(cells), floor=floor, has_share=not counts_only)]
            )  # fmt: skip
        )
    assert leaked_before >= 5  # the generated tables do attack the old rule
