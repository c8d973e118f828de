"""Hot-spot analysis (Getis–Ord Gi*) in pure numpy/scipy.

No Django imports here: the package works on plain arrays so that it can be
used from views, management commands, notebooks and benchmarks alike.

Typical use::

    cells = aggregate_lonlat(lon, lat, 250, kind="hex", include_empty=True)
    w = distance_band_weights(cells.centres, 1.01 * 250 * 3**0.5)  # 6 touching hexagons
    result = gi_star(cells.counts, w, permutations=999, seed=1, fdr="bh")
    result.classes  # -3..3, hot/cold spots at 90/95/99 % confidence
"""

from .fdr import fdr_adjust, fdr_reject
from .getisord import CLASS_LABELS, CONFIDENCE_LEVELS, GiStarResult, classify, gi_star
from .grid import (
    GridCells,
    LocalProjection,
    aggregate_hex,
    aggregate_lonlat,
    aggregate_square,
)
from .weights import as_neighbour_matrix, distance_band_weights, knn_weights

__all__ = [
    "CLASS_LABELS",
    "CONFIDENCE_LEVELS",
    "GiStarResult",
    "GridCells",
    "LocalProjection",
    "aggregate_hex",
    "aggregate_lonlat",
    "aggregate_square",
    "as_neighbour_matrix",
    "classify",
    "distance_band_weights",
    "fdr_adjust",
    "fdr_reject",
    "gi_star",
    "knn_weights",
]
