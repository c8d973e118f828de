import pytest

from ._data import clustered_counts


@pytest.fixture
def random_points():
    return clustered_counts()
