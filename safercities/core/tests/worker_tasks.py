"""Tasks for the worker tests: each run leaves one audit entry, committed with the run."""

import os
import time

from django.db import transaction

from safercities.core.models import AuditLogEntry
from safercities.core.taskapi import task


@task()
def record_run(key: str, seconds: float = 0.0) -> str:
    """Write one row, then take ``seconds``, in one transaction: a killed run leaves nothing."""
    with transaction.atomic():
        AuditLogEntry.objects.create(
            action="test.task_ran", object_repr=key, data={"pid": os.getpid()}
        )
        time.sleep(seconds)
    return key
