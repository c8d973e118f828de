"""Bulk resource imports started from a page: the upload is kept privately, checked and
written by the task worker (``library.tasks.run_resource_import``), with progress the page
shows. All rows or none: a file with any bad row imports nothing and lists the bad rows.
"""

import io

from django.db import transaction
from django.utils import timezone

from safercities.core.audit import record
from safercities.library.importer import parse
from safercities.library.imports import check_references, import_resources, vocabulary
from safercities.library.models import ResourceImport

MAX_ERRORS_SHOWN = 500


def start_resource_import(actor, upload, *, publish: bool) -> ResourceImport:
    job = ResourceImport(original_name=upload.name[:200], publish=publish, created_by=actor)
    job.file.save(upload.name, upload, save=False)
    job.save()
    record(actor, "resources.import_started", job, file=job.original_name, publish=publish)
    from safercities.library.tasks import run_resource_import

    transaction.on_commit(lambda: run_resource_import.enqueue(job.pk))
    return job


def _update(job: ResourceImport, **fields) -> None:
    ResourceImport.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def run_resource_job(job: ResourceImport) -> ResourceImport:
    job = ResourceImport.objects.select_related("created_by").get(pk=job.pk)
    if job.status != ResourceImport.Status.QUEUED:
        return job
    raw = job.file.open("rb").read()
    job.file.close()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        _update(
            job,
            status=ResourceImport.Status.FAILED,
            finished_at=timezone.now(),
            errors=[{"line": 1, "message": "the file is not UTF-8 text"}],
        )
        return job
    fmt = "csv" if job.original_name.lower().endswith(".csv") else "jsonl"
    _update(
        job,
        status=ResourceImport.Status.CHECKING,
        started_at=timezone.now(),
        rows_total=max(0, text.count("\n") - (1 if fmt == "csv" else 0)),
    )
    try:
        rows, errors = parse(
            io.StringIO(text, newline=""),
            vocabulary(),
            fmt=fmt,
            progress=lambda n: _update(job, rows_checked=n),
        )
        if not errors:
            errors = check_references(rows)
        if errors or not rows:
            listed = [{"line": e.line, "message": e.reason} for e in errors[:MAX_ERRORS_SHOWN]]
            _update(
                job,
                status=ResourceImport.Status.FAILED,
                rows_checked=len(rows) + len(errors),
                error_count=len(errors),
                errors=listed or [{"line": 0, "message": "the file holds no rows"}],
                finished_at=timezone.now(),
            )
            return job
        _update(job, status=ResourceImport.Status.WRITING, rows_checked=len(rows))
        result = import_resources(
            rows, publish=job.publish, progress=lambda n: _update(job, rows_written=n)
        )
    except Exception:
        _update(
            job,
            status=ResourceImport.Status.FAILED,
            finished_at=timezone.now(),
            errors=[{"line": 0, "message": "the import stopped because of an unexpected error"}],
        )
        raise
    _update(
        job,
        status=ResourceImport.Status.DONE,
        rows_written=len(rows),
        created_count=result.created,
        updated_count=result.updated,
        published_count=result.published,
        finished_at=timezone.now(),
    )
    record(
        job.created_by, "resources.imported", job, created=result.created, updated=result.updated
    )
    return job
