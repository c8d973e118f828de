"""An import whose worker is killed half-way leaves the assessment exactly as it was; the
task goes back to the queue and another worker imports the file in full, once."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from safercities.core.models import AuditLogEntry
from safercities.diagnosis.enums import ImportStatus
from safercities.diagnosis.importing import import_submissions
from safercities.diagnosis.models import ImportJob, Submission
from safercities.diagnosis.tests.slow_tasks import import_slowly
from safercities.diagnosis.tests.test_import import kobo_csv

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def countries(transactional_db):
    """Transactional tests flush the seeded countries: put back the one the cities need."""
    from safercities.places.models import Country

    Country.objects.get_or_create(code="TH", defaults={"name": "Thailand"})


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def start_worker(log) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "safercities.settings",
        "SAFERCITIES_ENV": "development",
        "DATABASE_URL": database_url(),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "TASK_HEARTBEAT_SECONDS": "1",
    }
    env.pop("TASKS_IMMEDIATE", None)
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_until(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def snapshot(assessment) -> list[tuple]:
    return list(
        Submission.objects.filter(assessment=assessment)
        .order_by("uuid")
        .values_list("uuid", "answers", "latitude", "longitude", "sex", "import_job_id")
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the worker runs in its own process and the SQLite test database lives in memory",
)
def test_killing_the_worker_mid_import_leaves_the_assessment_as_it_was(
    tmp_path, make_assessment, team_a
):
    assessment = make_assessment()
    assert import_submissions(assessment, kobo_csv(8, seed=1).encode(), filename="a.csv").ok
    before = snapshot(assessment)
    audit_before = AuditLogEntry.objects.count()

    job = ImportJob(assessment=assessment, original_name="b.csv", created_by=team_a)
    job.file.save("b.csv", ContentFile(kobo_csv(40, seed=2).encode()), save=False)
    job.save()
    with override_settings(TASKS=QUEUE):
        task = import_slowly.enqueue(job.pk, pause=60)

    log = (tmp_path / "worker.log").open("w")
    first = start_worker(log)
    second = None
    try:
        wait_until(
            lambda: ImportJob.objects.get(pk=job.pk).status == ImportStatus.SAVING,
            120,
            "the import to start saving",
        )
        time.sleep(1.5)  # the first batch is written inside the open transaction
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)

        assert snapshot(assessment) == before
        assert AuditLogEntry.objects.count() == audit_before
        assert DBTaskResult.objects.get(id=task.id).status == "RUNNING"  # orphaned

        second = start_worker(log)
        wait_until(
            lambda: DBTaskResult.objects.get(id=task.id).status == "SUCCESSFUL",
            120,
            "another worker to finish the import",
        )
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=60)
        log.close()
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert job.created_count == 40
    after = snapshot(assessment)
    assert [row for row in after if row[-1] is None] == before  # the earlier rows untouched
    assert len(after) == len(before) + 40
    assert len({row[0] for row in after}) == len(after)  # each submission once
