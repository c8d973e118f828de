"""Background tasks of search: keeping the ranking blocks fresh."""

from safercities.core.taskapi import task


@task()
def refresh_ranking() -> int:
    """Rebuild the impact-ordered ranking blocks; returns how many forms have blocks."""
    from safercities.search import ranking

    return ranking.build()
