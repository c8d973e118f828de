"""Computed results, stored by data version: views read them, the task queue fills them.

Every diagnosis view asks :func:`get_result` for a named result (``"survey"``,
``"audit:public"``, ``"map:public"``, ``"hotspots:250:square:0:fdr"`` …). Keys come from
fixed lists only (cell sizes, shapes and permutation counts of
:mod:`safercities.diagnosis.geo`), so a visitor can cause at most one computation per key and
data version. After data changes (web submission, import, settings) :func:`refresh` runs in
the task queue and recomputes the results the pages show by default, so visitors read stored
results.

The data version of an assessment is ``(data_version, submissions, highest id)``: the counter
is raised by the services that change submissions or settings, and the count and highest id
catch any bulk write that bypasses them.
"""

from __future__ import annotations

import pickle  # noqa: S403 - payloads are written by this module only, never from input
import time
from collections.abc import Callable, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max

from safercities.core.taskapi import task
from safercities.diagnosis.models import Assessment, StoredResult, Submission


def version_key(assessment: Assessment) -> str:
    stats = Submission.objects.filter(assessment=assessment).aggregate(n=Count("pk"), top=Max("pk"))
    version = (
        Assessment.objects.filter(pk=assessment.pk).values_list("data_version", flat=True).first()
    )
    return f"{version}:{stats['n']}:{stats['top'] or 0}"


def get_result(
    assessment: Assessment,
    key: str,
    compute: Callable[[], Any],
    *,
    depends_on: Sequence[Assessment] = (),
) -> Any:
    """The stored result ``key`` for the current data, computed (once) when missing or stale.

    ``depends_on``: other assessments whose data the result also reads (the city's incident
    reports drawn on an audit's map).
    """
    version = "|".join(version_key(a) for a in (assessment, *depends_on))[:80]
    row = (
        StoredResult.objects.filter(assessment=assessment, key=key)
        .values_list("version", "payload")
        .first()
    )
    if row is not None and row[0] == version:
        return pickle.loads(bytes(row[1]))  # noqa: S301 - see the module docstring
    return store(assessment, key, compute, version)


def store(assessment: Assessment, key: str, compute: Callable[[], Any], version: str) -> Any:
    started = time.perf_counter()
    value = compute()
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    fields = {"version": version, "payload": payload, "seconds": time.perf_counter() - started}
    try:
        with transaction.atomic():
            StoredResult.objects.update_or_create(assessment=assessment, key=key, defaults=fields)
    except IntegrityError:  # computed at the same moment by another worker: theirs is as good
        pass
    return value


def data_changed(assessment: Assessment) -> None:
    """Raise the data version and queue the recomputation (after the transaction commits)."""
    Assessment.objects.filter(pk=assessment.pk).update(data_version=F("data_version") + 1)
    pk = assessment.pk
    transaction.on_commit(lambda: refresh_results.enqueue(pk))


def refresh(assessment: Assessment) -> list[str]:
    """Recompute the results the pages show by default; returns the keys computed."""
    from safercities.diagnosis import computed

    keys = []
    version = version_key(assessment)
    for key, compute in computed.default_results(assessment).items():
        try:
            store(assessment, key, compute, version)
        except ValueError:  # e.g. too few cells for hot spots: the page explains it
            continue
        keys.append(key)
    return keys


@task()
def refresh_results(assessment_id: int) -> int:
    """Task: recompute an assessment's default results; returns how many were stored."""
    assessment = (
        Assessment.objects.select_related("tool_version__tool", "city", "settlement", "district")
        .filter(pk=assessment_id)
        .first()
    )
    if assessment is None:
        return 0
    return len(refresh(assessment))
