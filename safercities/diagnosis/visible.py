"""Everything a visitor can see of an assessment's aggregates, as an attacker would read it.

The public page, the CSV/XLSX exports and the API all carry the same figures: the rows of
:func:`~safercities.diagnosis.presenters.aggregate_rows` on the public summary. This module
turns those rows back into tables (:mod:`safercities.stats.attack`) so a test — or anyone
auditing the Hub — can check that no withheld cell can be worked out from them.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils import translation

from safercities.diagnosis import computed, presenters
from safercities.diagnosis.models import Assessment
from safercities.stats.attack import PublishedCell, PublishedGap, PublishedTable
from safercities.stats.disclosure import PRIMARY, SECONDARY


def _label(n) -> tuple[int | None, str | None]:
    if isinstance(n, int):
        return n, None
    if n == presenters.small_label():
        return None, PRIMARY
    return None, SECONDARY


def tables_from_rows(rows) -> tuple[list[PublishedTable], list[PublishedGap]]:
    """Published rows (English labels) → one table per measure and dimension, and the gaps."""
    overall: dict[tuple, dict] = {}
    cells: dict[tuple, list[PublishedCell]] = defaultdict(list)
    gaps = []
    for row in rows:
        section, measure, dimension = row["section"], row["measure"], row["dimension"]
        if section == "survey_gap":
            first, _, second = row["group"].partition(" - ")
            gaps.append(PublishedGap(f"{measure}/{dimension}", first, second, row["value"]))
            continue
        if section not in ("survey", "incidents"):
            continue
        n, label = _label(row["n"])
        if dimension == "all":
            overall[(section, measure)] = {"n": n, "share": row["value"]}
        else:
            cells[(section, measure, dimension)].append(
                PublishedCell(row["group"], n, row["value"], label)
            )
    tables = []
    for (section, measure, dimension), members in cells.items():
        total = overall.get((section, measure), {"n": None, "share": None})
        tables.append(
            PublishedTable(
                f"{measure}/{dimension}",
                total["n"],
                total["share"],
                members,
                floor=0 if section == "incidents" else 1,
                has_share=section == "survey",
            )
        )
    return tables, gaps


def visitor_view(assessment: Assessment) -> tuple[list[PublishedTable], list[PublishedGap]]:
    with translation.override("en"):
        rows = presenters.aggregate_rows(assessment, computed.summary(assessment, public=True))
        return tables_from_rows(rows)
