"""Benchmark: Safer Cities Hub Gi* (safercities.spatial) vs esda.G_Local + libpysal Graph.

Random points in the unit square with clustered Poisson counts; k-nearest-neighbour
(k = 8) and distance-band weights (threshold giving ~10 neighbours on average);
analytic inference and 99 conditional permutations.  Both sides are timed end to
end: weight construction plus the statistic (best of 3 runs for the analytic
cases up to n = 100,000, a single run otherwise).  esda gets libpysal's fastest API,
``Graph.build_knn`` / ``Graph.build_distance_band``, which ``G_Local`` accepts
directly in esda 2.9 (no ``to_W()`` conversion needed).  esda's permutation
inference is O(n^2) here (no numba), so it is run up to n = 100,000 only and
reported as "esda skipped" at 1,000,000.

    .venv/bin/python bench/hotspots.py          # full table (~4 minutes on 2 cores)
    .venv/bin/python bench/hotspots.py --quick  # n = 100,000 analytic kNN only

The last line is always ``hotspots: n=100000 hub_s=... esda_s=... speedup=... max_abs_dz=...``.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from safercities.spatial import distance_band_weights, gi_star, knn_weights  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
K = 8
MEAN_BAND_NEIGHBOURS = 10
PERMUTATIONS = 99
# esda's crand without numba copies the data once per observation (O(n^2)): ~25 s at
# n = 100,000 here, and far beyond five minutes at 1,000,000.
ESDA_PERMUTATION_MAX_N = 100_000


def make_data(n: int, seed: int = 12345) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    coords = rng.random((n, 2))
    intensity = 2 + 8 * np.exp(-(((coords - 0.3) ** 2).sum(axis=1)) / 0.01)
    return coords, rng.poisson(intensity).astype(np.float64)


def band_threshold(n: int) -> float:
    return math.sqrt(MEAN_BAND_NEIGHBOURS / (n * math.pi))


def run_hub(coords, y, weights: str, permutations: int):
    start = time.perf_counter()
    if weights == "knn":
        w = knn_weights(coords, K)
    else:
        w = distance_band_weights(coords, band_threshold(len(y)))
    result = gi_star(y, w, permutations=permutations, seed=2024)
    return time.perf_counter() - start, result


def run_esda(coords, y, weights: str, permutations: int):
    import esda
    from libpysal.graph import Graph

    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if weights == "knn":
            graph = Graph.build_knn(coords, k=K)
        else:
            graph = Graph.build_distance_band(coords, band_threshold(len(y)))
        lg = esda.G_Local(
            y, graph, transform="B", star=True, permutations=permutations, seed=2024, n_jobs=-1
        )
    return time.perf_counter() - start, lg


def timed(run, repeats: int, *args):
    """Best wall time of ``repeats`` runs (timeit-style), with the last result."""
    best = math.inf
    for _ in range(repeats):
        seconds, result = run(*args)
        best = min(best, seconds)
    return best, result


def case(n: int, weights: str, permutations: int, data) -> dict:
    coords, y = data
    repeats = 3 if n <= 100_000 and not permutations else 1
    hub_s, hub = timed(run_hub, repeats, coords, y, weights, permutations)
    row = {"n": n, "weights": weights, "perms": permutations, "hub_s": hub_s}
    if permutations and n > ESDA_PERMUTATION_MAX_N:
        row["note"] = "esda skipped"
        return row
    esda_s, lg = timed(run_esda, repeats, coords, y, weights, permutations)
    row.update(esda_s=esda_s, speedup=esda_s / hub_s, max_abs_dz=np.abs(hub.z - lg.Zs).max())
    if permutations:
        # esda gives islands p_sim = 1/(P+1) (its folding of all-tied draws); the hub 1.
        islands = hub.cardinality == 1
        dp = np.abs(hub.p_sim - lg.p_sim)[~islands]
        row["note"] = (
            f"p_sim |diff| mean={dp.mean():.3f} max={dp.max():.2f} (Monte Carlo noise), "
            f"islands={int(islands.sum())}"
        )
    return row


def fmt(row: dict) -> str:
    esda_s = f"{row['esda_s']:9.2f}" if "esda_s" in row else f"{'-':>9}"
    speed = f"{row['speedup']:8.1f}x" if "speedup" in row else f"{'-':>9}"
    dz = f"{row['max_abs_dz']:11.2e}" if "max_abs_dz" in row else f"{'-':>11}"
    return (
        f"{row['n']:>9,} {row['weights']:>5} {row['perms']:>5} {row['hub_s']:8.2f} "
        f"{esda_s} {speed} {dz}  {row.get('note', '')}"
    )


def summary(row: dict) -> str:
    return (
        f"hotspots: n={row['n']} hub_s={row['hub_s']:.3f} esda_s={row['esda_s']:.3f} "
        f"speedup={row['speedup']:.1f} max_abs_dz={row['max_abs_dz']:.2e}"
    )


def warm_up() -> None:
    data = make_data(2_000, seed=1)
    for weights in ("knn", "band"):
        run_hub(*data, weights, 9)
        run_esda(*data, weights, 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only n=100,000 analytic kNN")
    args = parser.parse_args(argv)

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"# Gi* hub vs esda.G_Local(transform='B', star=True); {cpus} CPUs (load {load}); s")
    print(f"# kNN k={K}; band threshold ~{MEAN_BAND_NEIGHBOURS} neighbours; perms={PERMUTATIONS}")
    header = ("n", 9), ("w", 5), ("perms", 5), ("hub_s", 8), ("esda_s", 9), ("speedup", 9)
    print(" ".join(f"{name:>{width}}" for name, width in header), f"{'max|dz|':>11}")
    warm_up()
    headline = None
    sizes = (100_000,) if args.quick else SIZES
    for n in sizes:
        data = make_data(n)
        plan = [("knn", 0)] if args.quick else [
            ("knn", 0), ("band", 0), ("knn", PERMUTATIONS), ("band", PERMUTATIONS)
        ]  # fmt: skip
        for weights, permutations in plan:
            row = case(n, weights, permutations, data)
            print(fmt(row), flush=True)
            if n == 100_000 and weights == "knn" and not permutations:
                headline = row
    print(summary(headline))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
