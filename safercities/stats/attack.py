"""An attacker's view of published tables: can a withheld cell be worked out?

Used by the tests (and available to anyone auditing an output) to check the disclosure rules
of :mod:`.disclosure` against what a visitor actually sees. Everything is taken from the
published figures only:

* a table: its total (count and share, or withheld) and its cells, each either shown
  (count and share) or withheld with its label ("<5": 1–4, or 0–4 for listed categories;
  "x": 5 or more);
* shares are turned into counts with the attribute by ``round(share * n)`` — exact for
  unweighted data and the attacker's best guess with weights, so the check is at least as
  strong as a real attack;
* gaps between two groups of the table.

For every withheld cell, linear programming (:func:`scipy.optimize.linprog`) bounds its count,
its count with the attribute and its count without, under: the withheld cells add up to the
total minus the shown cells (as if every respondent had a value for the dimension, the
attacker's best case), label bounds, ``0 <= positives <= n``. A cell is *recovered* when
:func:`.disclosure.recovered` says the ranges give it away. A gap published next to exactly
one withheld group gives that group's share away directly; a shown cell that breaks the
primary rules (:func:`.disclosure.primary_risk`) is a disclosure in plain sight.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

from .disclosure import MIN_CELL, PRIMARY, TableCell, primary_risk, recovered

__all__ = ["Finding", "PublishedCell", "PublishedGap", "PublishedTable", "attack"]


@dataclass(frozen=True)
class PublishedCell:
    """A cell as published: ``n`` and ``share`` when shown, else ``label`` (primary/secondary)."""

    key: Hashable
    n: int | None = None
    share: float | None = None
    label: str | None = None

    @property
    def withheld(self) -> bool:
        return self.label is not None


@dataclass(frozen=True)
class PublishedTable:
    name: str
    total_n: int | None
    total_share: float | None
    cells: Sequence[PublishedCell]
    #: Smallest count a withheld cell can have (1: groups found in the data, 0: categories).
    floor: int = 1
    #: False for plain counts (no share).
    has_share: bool = True


@dataclass(frozen=True)
class PublishedGap:
    table: str
    first: Hashable
    second: Hashable
    difference: float | None


@dataclass(frozen=True)
class Finding:
    table: str
    key: Hashable
    what: str
    detail: dict = field(default_factory=dict)


def _k(share: float | None, n: int) -> int | None:
    return None if share is None else int(round(share * n))


def _lp_ranges(
    table: PublishedTable, min_cell: int
) -> dict[Hashable, dict[str, tuple[float, float]]]:
    hidden = [c for c in table.cells if c.withheld]
    shown = [c for c in table.cells if not c.withheld]
    if not hidden or table.total_n is None:
        return {}
    with_k = table.has_share and table.total_share is not None
    m = len(hidden)
    size = 2 * m if with_k else m
    a_eq = [np.r_[np.ones(m), np.zeros(size - m)]]
    b_eq = [table.total_n - sum(c.n for c in shown)]
    bounds = []
    for c in hidden:
        lo, hi = (table.floor, min_cell - 1) if c.label == PRIMARY else (min_cell, None)
        bounds.append((lo, hi))
    a_ub = []
    b_ub = []
    if with_k:
        k_total = _k(table.total_share, table.total_n) - sum(_k(c.share, c.n) for c in shown)
        a_eq.append(np.r_[np.zeros(m), np.ones(m)])
        b_eq.append(k_total)
        bounds += [(0, None)] * m
        for i in range(m):  # k_i <= n_i
            row = np.zeros(size)
            row[m + i], row[i] = 1, -1
            a_ub.append(row)
            b_ub.append(0)
    out: dict[Hashable, dict[str, tuple[float, float]]] = {}

    def extent(objective) -> tuple[float, float]:
        values = []
        for sign in (1, -1):
            res = linprog(
                sign * objective,
                A_ub=np.array(a_ub) if a_ub else None,
                b_ub=b_ub or None,
                A_eq=np.array(a_eq),
                b_eq=b_eq,
                bounds=bounds,
                method="highs",
            )
            if res.status == 2:  # infeasible: the published figures contradict the labels
                return (math.nan, math.nan)
            values.append(sign * res.fun if res.status == 0 else sign * math.inf)
        return values[0], values[1]

    for i, c in enumerate(hidden):
        unit = np.zeros(size)
        unit[i] = 1
        ranges = {"n": extent(unit)}
        if with_k:
            k = np.zeros(size)
            k[m + i] = 1
            ranges["positives"] = extent(k)
            ranges["negatives"] = extent(unit - k)
        out[c.key] = ranges
    return out


def attack(
    tables: Sequence[PublishedTable],
    gaps: Sequence[PublishedGap] = (),
    *,
    min_cell: int = MIN_CELL,
) -> list[Finding]:
    """Everything the published tables give away; an empty list when nothing is."""
    findings: list[Finding] = []
    by_name = {t.name: t for t in tables}
    for table in tables:
        for c in table.cells:
            if not c.withheld:
                k = _k(c.share, c.n) if table.has_share else None
                if primary_risk(TableCell(c.n, k), min_cell):
                    findings.append(Finding(table.name, c.key, "shown small cell", {"n": c.n}))
        for key, ranges in _lp_ranges(table, min_cell).items():
            if any(math.isnan(lo) for lo, _ in ranges.values()):
                continue
            if recovered(ranges, min_cell):
                findings.append(Finding(table.name, key, "recovered", ranges))
    for gap in gaps:
        if gap.difference is None:
            continue
        cells = {c.key: c for c in by_name[gap.table].cells}
        sides = [cells.get(gap.first), cells.get(gap.second)]
        if sum(1 for s in sides if s is not None and s.withheld) == 1:
            hidden = gap.second if sides[1].withheld else gap.first
            findings.append(Finding(gap.table, hidden, "share from gap"))
    return findings
