"""Background work of the library: bulk resource imports started from the import page."""

from safercities.core.taskapi import task


@task()
def run_resource_import(job_id: int) -> int:
    """Run the import ``job_id``; returns the number of resources created."""
    from safercities.library.import_jobs import run_resource_job
    from safercities.library.models import ResourceImport

    job = ResourceImport.objects.filter(pk=job_id).first()
    return run_resource_job(job).created_count if job else 0
