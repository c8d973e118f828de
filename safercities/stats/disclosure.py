"""Small-cell suppression for published tables of survey results.

A *cell* is one published figure (a count, or an estimate computed from a group
of respondents).  A cell whose unweighted base is smaller than :data:`MIN_CELL`
is suppressed (*primary suppression*): its figure is withheld and its count is
shown only as "fewer than 5".  Zero counts are suppressed too, so a reader
cannot tell "nobody" from "one or two people".

Primary suppression alone is not enough when the other cells of the same
breakdown are shown together with the overall figure: for example with
``female = 3`` (suppressed), ``male = 40`` and ``overall = 43``, the reader
recovers ``43 - 40 = 3``.  The same subtraction works for the numerator and
denominator behind a percentage.  :func:`secondary_suppressed` therefore applies
a simple rule: when exactly one cell of a dimension is suppressed, the smallest
other cell is suppressed as well, so that only the *sum* of the two can be
derived.  This is not a complete protection (two suppressed cells may still sum
to fewer than five), which is why a conservative :data:`MIN_CELL` is used.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "MIN_CELL",
    "PRIMARY",
    "SECONDARY",
    "TableCell",
    "primary_risk",
    "exposed",
    "protect_table",
    "recovered",
    "withheld_label",
    "withheld_ranges",
    "SMALL_CELL_DESCRIPTION",
    "SMALL_CELL_MARKER",
    "SUPPRESSED_DESCRIPTION",
    "SUPPRESSED_MARKER",
    "cell_label",
    "cell_labels",
    "is_small",
    "primary_suppressed",
    "secondary_suppressed",
    "suppress_small_cells",
]

#: Cells with an unweighted count below this are not published.
MIN_CELL = 5

#: Short marker shown instead of a small count; ``{min_cell}`` is filled in.
#: Kept as a constant so the web layer can wrap it for translation.
SMALL_CELL_MARKER = "<{min_cell}"

#: Longer wording of the same marker, for footnotes and screen readers.
SMALL_CELL_DESCRIPTION = "fewer than {min_cell}"

#: Marker for a cell withheld by *secondary* suppression (its count is not small,
#: but publishing it would reveal a small neighbour).
SUPPRESSED_MARKER = "x"

#: Longer wording of :data:`SUPPRESSED_MARKER`.
SUPPRESSED_DESCRIPTION = "withheld to protect a small group"


def is_small(n: int | None, min_cell: int = MIN_CELL) -> bool:
    """True when a cell with unweighted count ``n`` must be suppressed.

    ``None`` (an unknown count) is treated as small, to fail safe.
    """
    return n is None or n < min_cell


def cell_label(n: int | None, min_cell: int = MIN_CELL) -> str | int:
    """The count to publish: ``n`` itself, or the marker ``"<5"`` when it is small.

    ``None`` (a count already withheld, e.g. by :func:`suppress_small_cells`)
    gives :data:`SUPPRESSED_MARKER`.
    """
    if n is None:
        return SUPPRESSED_MARKER
    if is_small(n, min_cell):
        return SMALL_CELL_MARKER.format(min_cell=min_cell)
    return n


def primary_suppressed(counts: Mapping[Hashable, int], min_cell: int = MIN_CELL) -> set:
    """Keys of the cells whose count is below ``min_cell``."""
    return {key for key, n in counts.items() if is_small(n, min_cell)}


def secondary_suppressed(counts: Mapping[Hashable, int], suppressed: Iterable[Hashable]) -> set:
    """Extra keys to suppress so a lone suppressed cell cannot be recovered.

    ``counts`` are the cells of one dimension (e.g. every value of ``sex``),
    published together with an overall total.  If exactly one of them is in
    ``suppressed``, the smallest remaining cell is returned (ties go to the
    first such key in ``counts`` order); otherwise nothing is returned.
    """
    suppressed = set(suppressed)
    hidden = suppressed & set(counts)
    if len(hidden) != 1:
        return set()
    shown = [key for key in counts if key not in suppressed]
    if not shown:
        return set()
    smallest = min(shown, key=lambda key: counts[key])
    return {smallest}


def suppress_small_cells(
    counts: Mapping[Hashable, int],
    min_cell: int = MIN_CELL,
    *,
    secondary: bool = True,
) -> dict[Hashable, int | None]:
    """Copy of ``counts`` with suppressed cells replaced by ``None``.

    Cells below ``min_cell`` are suppressed; with ``secondary=True`` (the
    default, for tables shown next to their total) the complementary cell is
    suppressed too, see :func:`secondary_suppressed`.  Use :func:`cell_label`
    to turn the result into display values.
    """
    hidden = primary_suppressed(counts, min_cell)
    if secondary:
        hidden |= secondary_suppressed(counts, hidden)
    return {key: (None if key in hidden else n) for key, n in counts.items()}


def cell_labels(
    counts: Mapping[Hashable, int],
    min_cell: int = MIN_CELL,
    *,
    secondary: bool = True,
) -> dict[Hashable, int | str]:
    """Display values for a table: the count, ``"<5"`` (primary) or ``"x"`` (secondary)."""
    primary = primary_suppressed(counts, min_cell)
    extra = secondary_suppressed(counts, primary) if secondary else set()
    return {
        key: SUPPRESSED_MARKER if key in extra else cell_label(n, min_cell)
        for key, n in counts.items()
    }


# --- tables published with their total: primary, complementary, dominance, zeros -----------

#: Why a cell is withheld: its own figures (primary) or to protect another (secondary).
#: Its label only says "<5" (1–4 respondents; 0–4 for listed categories) or "x" (5 or more).
PRIMARY, SECONDARY = "primary", "secondary"


def withheld_label(n: int | None, min_cell: int = MIN_CELL) -> str:
    """The marker of a withheld cell: "<5" when it has fewer than ``min_cell`` units, else "x"."""
    return cell_label(n, min_cell) if is_small(n, min_cell) else SUPPRESSED_MARKER


@dataclass(frozen=True)
class TableCell:
    """One published cell of a table: ``n`` units, ``positives`` of them with the attribute.

    ``positives`` is ``None`` for a plain count (incident reports per category). ``kish`` is
    Kish's effective size ``(Σw)² / Σw²`` of a weighted cell (``None`` when unweighted).
    """

    n: int
    positives: int | None = None
    kish: float | None = None


def primary_risk(cell: TableCell, min_cell: int = MIN_CELL) -> bool:
    """True when the cell may not be shown on its own.

    * fewer than ``min_cell`` units;
    * fewer than ``min_cell`` units with the attribute (victims, people who reported), unless
      none has it: "nobody in this group was robbed" is the non-sensitive answer;
    * fewer than ``min_cell`` units *without* it (so "everyone in the group" is protected too:
      zero protection);
    * a dominant weight: Kish's effective size below ``min_cell``, so one or two respondents
      make the estimate (with ``kish >= 5`` no respondent carries more than 45 % of the
      weight).
    """
    if is_small(cell.n, min_cell):
        return True
    if cell.positives is not None:
        k = cell.positives
        if 0 < k < min_cell or cell.n - k < min_cell:
            return True
    return cell.kish is not None and cell.kish < min_cell


def _bounds(label: str, min_cell: int, floor: int) -> tuple[float, float]:
    return (floor, min_cell - 1) if label == PRIMARY else (min_cell, math.inf)


def withheld_ranges(
    cells: Mapping[Hashable, TableCell],
    hidden: Mapping[Hashable, str],
    *,
    min_cell: int = MIN_CELL,
    floor: int = 1,
) -> dict[Hashable, dict[str, tuple[float, float]]]:
    """What a reader can infer about each withheld cell from the table and its total.

    The reader knows every shown cell, the total (so the withheld cells' sum: conservative,
    as if no unit lacked the dimension) and the label bounds. Returns per withheld cell the
    feasible range of ``n``, of ``positives`` and of ``n - positives``.
    """
    residual_n = sum(cells[key].n for key in hidden)
    ranges: dict[Hashable, dict[str, tuple[float, float]]] = {}
    # The label shows "<5" for a cell under the minimum and "x" otherwise, whatever the
    # reason it was withheld, so that is all the reader learns.
    box = {
        key: _bounds(PRIMARY if is_small(cells[key].n, min_cell) else SECONDARY, min_cell, floor)
        for key in hidden
    }
    for key in hidden:
        others = [k for k in hidden if k != key]
        lo = max(box[key][0], residual_n - sum(box[o][1] for o in others))
        hi = min(box[key][1], residual_n - sum(box[o][0] for o in others))
        ranges[key] = {"n": (lo, hi)}
    if all(cells[key].positives is not None for key in hidden):
        for part in ("positives", "negatives"):

            def value(key, part=part):
                c = cells[key]
                return c.positives if part == "positives" else c.n - c.positives

            total = sum(value(key) for key in hidden)
            for key in hidden:
                others = [k for k in hidden if k != key]
                lo = max(0, total - sum(ranges[o]["n"][1] for o in others))
                hi = min(ranges[key]["n"][1], total)
                ranges[key][part] = (lo, hi)
    return ranges


def recovered(ranges: Mapping[str, tuple[float, float]], min_cell: int = MIN_CELL) -> bool:
    """Whether a withheld cell's ranges give it away.

    Its size pinned to one whole number below ``min_cell`` (a size of ``min_cell`` or more is
    no secret: it would be shown if the cell's other figures allowed it), its number with the
    attribute pinned to a positive number, or everyone in it shown to have the attribute.
    """

    def pinned(lo, hi):
        return math.floor(hi + 1e-9) <= math.ceil(lo - 1e-9)

    lo, hi = ranges["n"]
    if pinned(lo, hi) and lo < min_cell:
        return True
    if "positives" in ranges:
        lo, hi = ranges["positives"]
        if pinned(lo, hi) and hi >= 1:
            return True
        if ranges["negatives"][1] < 1:
            return True
    return False


def protect_table(
    cells: Mapping[Hashable, TableCell],
    *,
    min_cell: int = MIN_CELL,
    floor: int = 1,
) -> dict[Hashable, str]:
    """Which cells of a table published with its total to withhold, and why.

    Primary: :func:`primary_risk`. Complementary: while the withheld cells could be worked
    out from the total (their sum under ``min_cell``, or any of them given away by
    :func:`withheld_ranges` and :func:`recovered`), the smallest shown cell is withheld too.
    ``floor`` is the smallest count a withheld cell can have (1 for groups found in the data,
    0 for listed categories). Returns ``{key: "primary" | "secondary"}``.
    """
    hidden = {key: PRIMARY for key, cell in cells.items() if primary_risk(cell, min_cell)}
    while exposed(cells, hidden, min_cell=min_cell, floor=floor):
        shown = [key for key in cells if key not in hidden]
        if not shown:
            break
        hidden[min(shown, key=lambda key: cells[key].n)] = SECONDARY
    return hidden


def exposed(
    cells: Mapping[Hashable, TableCell],
    hidden: Mapping[Hashable, str],
    *,
    min_cell: int = MIN_CELL,
    floor: int = 1,
) -> bool:
    """Whether the withheld cells of a table published with its total can be worked out.

    Still true after :func:`protect_table` withheld every cell means the total itself must go.
    """
    if not hidden:
        return False
    if sum(cells[k].n for k in hidden) < min_cell:
        return True
    ranges = withheld_ranges(cells, hidden, min_cell=min_cell, floor=floor)
    return any(recovered(r, min_cell) for r in ranges.values())
