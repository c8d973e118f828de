import numpy as np
import pytest
from scipy import stats

from safercities.spatial import fdr_adjust, fdr_reject


@pytest.mark.parametrize("method", ["bh", "by"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_matches_scipy(method, seed):
    rng = np.random.default_rng(seed)
    p = np.concatenate([rng.random(500), rng.random(50) * 1e-3, [0.0, 1.0, 0.5, 0.5]])
    rng.shuffle(p)
    np.testing.assert_allclose(
        fdr_adjust(p, method), stats.false_discovery_control(p, method=method), rtol=1e-15
    )


def test_textbook_example():
    # Benjamini & Hochberg (1995), 15 p-values; 4 rejected at q = 0.05.
    p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344,
         0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.0000]  # fmt: skip
    assert fdr_reject(p, 0.05).sum() == 4
    assert (fdr_adjust(p) >= np.asarray(p)).all()


def test_nan_is_ignored():
    p = np.array([0.01, np.nan, 0.04, 0.03])
    q = fdr_adjust(p)
    assert np.isnan(q[1])
    np.testing.assert_allclose(q[[0, 2, 3]], stats.false_discovery_control([0.01, 0.04, 0.03]))
    np.testing.assert_array_equal(fdr_reject(p, 0.05), [True, False, True, True])
    assert fdr_adjust([]).size == 0


@pytest.mark.parametrize(
    ("p", "kwargs"),
    [([0.1, 1.2], {}), ([[0.1]], {}), ([0.1], {"method": "holm"})],
)
def test_validation(p, kwargs):
    with pytest.raises(ValueError):
        fdr_adjust(p, **kwargs)
