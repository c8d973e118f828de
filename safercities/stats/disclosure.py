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

from collections.abc import Hashable, Iterable, Mapping

__all__ = [
    "MIN_CELL",
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
