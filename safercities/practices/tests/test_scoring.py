"""The review arithmetic on its own: means, disagreements, the replicable threshold."""

import pytest

from safercities.practices import scoring
from safercities.practices.scoring import CRITERIA


def review(default: int = 4, **scores: int) -> dict[str, int]:
    return {criterion: scores.get(criterion, default) for criterion in CRITERIA}


def test_means_are_per_criterion():
    means = scoring.criterion_means([review(4, impact=5), review(3, impact=2)])
    assert means["impact"] == 3.5
    assert means["partnership"] == 3.5
    assert set(means) == set(CRITERIA)


def test_a_criterion_nobody_scored_has_no_mean():
    assert scoring.criterion_means([]) == dict.fromkeys(CRITERIA)


def test_two_reviews_with_every_mean_at_least_3_5_are_replicable():
    assert scoring.is_replicable([review(4), review(3)])


def test_a_mean_of_exactly_3_5_counts():
    reviews = [review(5, impact=3), review(5, impact=4)]
    assert scoring.criterion_means(reviews)["impact"] == 3.5
    assert scoring.is_replicable(reviews)


def test_a_mean_just_under_3_5_is_not_enough():
    # 3, 4, 3 → 3.33 on impact: one criterion below the threshold is enough to refuse.
    reviews = [review(5, impact=3), review(5, impact=4), review(5, impact=3)]
    assert not scoring.is_replicable(reviews)


def test_thirds_that_reach_3_5_exactly_are_compared_exactly():
    # 3 + 4 + 4 + 3 = 14 over 4 reviews = 3.5 exactly; 7/2 compared as a fraction.
    reviews = [review(5, innovation=v) for v in (3, 4, 4, 3)]
    assert scoring.is_replicable(reviews)


def test_one_review_is_never_replicable_however_high():
    assert not scoring.is_replicable([review(5)])
    assert not scoring.is_replicable([])


def test_a_difference_of_two_is_a_disagreement():
    found = scoring.disagreements([review(4, impact=2), review(4, impact=4), review(4)])
    assert [(d.criterion, d.lowest, d.highest, d.gap) for d in found] == [("impact", 2, 4, 2)]


def test_a_difference_of_one_is_not_a_disagreement():
    assert scoring.disagreements([review(3), review(4)]) == []


def test_disagreements_are_listed_in_rubric_order():
    found = scoring.disagreements([review(3, innovation=1, impact=5), review(3)])
    assert [d.criterion for d in found] == ["impact", "innovation"]


def test_a_replicable_practice_can_still_carry_a_disagreement():
    summary = scoring.summarize([review(5, impact=3), review(4, impact=5)])
    assert summary.replicable
    assert summary.flagged == {"impact"}
    assert summary.count == 2


def test_scores_are_checked_for_range_and_completeness():
    scoring.check_scores(review(1))
    with pytest.raises(ValueError, match="impact"):
        scoring.check_scores(review(3, impact=6))
    with pytest.raises(ValueError, match="missing"):
        scoring.check_scores({"impact": 3})
    with pytest.raises(ValueError, match="whole number"):
        scoring.check_scores(review(3, impact=True))


def test_the_scoring_module_does_not_import_django():
    import ast
    from pathlib import Path

    for module in ("scoring.py", "matching.py"):
        tree = ast.parse((Path(scoring.__file__).parent / module).read_text())
        imported = {
            (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        assert not any(name.startswith("django") for name in imported), module
