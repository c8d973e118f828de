"""A task for the interrupted-import test: the real import, paused inside its transaction."""

import time

from safercities.core.taskapi import task
from safercities.diagnosis import importing
from safercities.diagnosis.enums import ImportStatus
from safercities.diagnosis.models import ImportJob
from safercities.diagnosis.tasks import run_job


@task()
def import_slowly(job_id: int, pause: float) -> int:
    """``run_import``, but the first run waits ``pause`` s after its first batch is written."""
    job = ImportJob.objects.get(pk=job_id)
    if job.status == ImportStatus.QUEUED:
        original = importing._Writer.write

        def write(self, rows):
            original(self, rows)
            time.sleep(pause)  # rows written, transaction open: the moment to kill the worker

        importing._Writer.write = write
    return run_job(job).created_count
