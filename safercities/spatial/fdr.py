"""False discovery rate control (Benjamini–Hochberg / Benjamini–Yekutieli)."""

from __future__ import annotations

import numpy as np

__all__ = ["fdr_adjust", "fdr_reject"]


def fdr_adjust(p, method: str = "bh") -> np.ndarray:
    """Adjusted p-values (q-values), identical to ``scipy.stats.false_discovery_control``.

    ``method`` is ``"bh"`` (Benjamini–Hochberg, independent or positively
    dependent tests) or ``"by"`` (Benjamini–Yekutieli, arbitrary dependence).
    NaN p-values are ignored (they stay NaN and do not count towards ``m``).
    """
    method = method.lower()
    if method not in ("bh", "by"):
        raise ValueError(f"method must be 'bh' or 'by', got {method!r}")
    p = np.asarray(p, dtype=np.float64)
    if p.ndim != 1:
        raise ValueError("p must be one-dimensional")
    valid = ~np.isnan(p)
    ps = p[valid]
    if ((ps < 0) | (ps > 1)).any():
        raise ValueError("p-values must be within [0, 1]")
    out = np.full(p.shape, np.nan)
    m = ps.size
    if m == 0:
        return out
    order = np.argsort(ps, kind="stable")
    ranks = np.arange(1, m + 1, dtype=np.float64)
    adjusted = ps[order] * (m / ranks)
    if method == "by":
        adjusted *= np.sum(1.0 / ranks)
    adjusted = np.minimum.accumulate(adjusted[::-1])[::-1]
    q = np.empty(m)
    q[order] = np.clip(adjusted, 0.0, 1.0)
    out[valid] = q
    return out


def fdr_reject(p, alpha: float = 0.05, method: str = "bh") -> np.ndarray:
    """Boolean mask of hypotheses rejected at false discovery rate ``alpha``."""
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be in (0, 1), got {alpha}")
    q = fdr_adjust(p, method)
    return np.nan_to_num(q, nan=1.0) <= alpha
