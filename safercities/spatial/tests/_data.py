"""Shared test data."""

import numpy as np

# esda's own G_Local example (esda/tests/test_getisord.py and the G_Local docstring).
ESDA_POINTS = np.array([(10, 10), (20, 10), (40, 10), (15, 20), (30, 20), (30, 30)], dtype=float)
ESDA_Y = np.array([2, 3, 3.2, 5, 8, 7])
ESDA_THRESHOLD = 15


def clustered_counts(n: int = 2000, seed: int = 20240601) -> tuple[np.ndarray, np.ndarray]:
    """Random points in a 1 km square with Poisson counts around a hot spot at (300, 300)."""
    rng = np.random.default_rng(seed)
    coords = rng.random((n, 2)) * 1000.0
    intensity = 2 + 6 * np.exp(-(((coords - 300.0) ** 2).sum(axis=1)) / 2e4)
    return coords, rng.poisson(intensity).astype(float)
