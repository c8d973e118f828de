"""Background work of the diagnosis: running an uploaded import."""

from django.utils import timezone

from safercities.core.storage import local_path
from safercities.core.taskapi import task
from safercities.diagnosis.enums import ImportStatus
from safercities.diagnosis.importing import estimate_rows, import_submissions
from safercities.diagnosis.models import ImportJob
from safercities.diagnosis.results import data_changed


def _update(job: ImportJob, **fields) -> None:
    ImportJob.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def run_job(job: ImportJob) -> ImportJob:
    """Run one queued import and record how it went on the job (also used by tests)."""
    job = ImportJob.objects.select_related("assessment__tool_version__tool", "created_by").get(
        pk=job.pk
    )
    # A job left half-way by a killed worker (its transaction rolled back, nothing stored) is
    # run again when the task queue hands the task to another worker.
    if job.status not in (ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.SAVING):
        return job
    with local_path(job.file) as path:  # a temporary copy when the file is in object storage
        return _run(job, path)


def _run(job: ImportJob, path: str) -> ImportJob:
    _update(
        job,
        status=ImportStatus.VALIDATING,
        started_at=timezone.now(),
        rows_total=estimate_rows(path),
    )
    try:
        result = import_submissions(
            job.assessment,
            path,
            filename=job.original_name,
            actor=job.created_by,
            job=job,
            progress=lambda rows: _update(job, rows_done=rows),
            on_saving=lambda: _update(job, status=ImportStatus.SAVING),
            keep_good_rows=job.keep_good_rows,
            attachments=job.attachments.path if job.attachments else None,
        )
    except Exception:
        _update(
            job,
            status=ImportStatus.FAILED,
            finished_at=timezone.now(),
            file_problems=["The import stopped because of an unexpected error."],
        )
        raise
    _update(
        job,
        status=ImportStatus.DONE if result.ok else ImportStatus.FAILED,
        file_format=result.file_format,
        rows_done=result.rows,
        rows_total=max(result.rows, job.rows_total),
        created_count=result.created,
        existing_count=result.existing,
        error_rows=result.error_rows,
        errors=result.errors,
        file_problems=result.file_problems,
        report=result.report,
        finished_at=timezone.now(),
    )
    if result.created:
        data_changed(job.assessment)
    return job


@task()
def run_import(job_id: int) -> int:
    """Run the import job ``job_id``; returns the number of submissions created."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None:
        return 0
    return run_job(job).created_count
