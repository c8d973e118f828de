"""Direct sync verbs: connect an assessment to a server form, pull its new submissions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from safercities.core.audit import record
from safercities.diagnosis import sync
from safercities.diagnosis.enums import ImportStatus, SyncServer
from safercities.diagnosis.models import Assessment, FieldSync, ImportJob


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def connect_sync(
    actor: Any,
    assessment: Assessment,
    *,
    server: str,
    url: str,
    form_id: str,
    username: str = "",
    secret: str = "",
) -> FieldSync:
    """Connect (or reconnect) ``assessment`` to a server form. An empty ``secret`` keeps the
    saved credential; changing the server or form starts pulling from the beginning again
    (rows already stored are skipped by submission id)."""
    problem = sync.url_problem(url)
    if problem:
        raise sync.SyncError(problem)
    if server == SyncServer.CENTRAL and sync.central_form(form_id) is None:
        raise sync.SyncError(sync.MSG_FORM_ID)
    current = FieldSync.objects.filter(assessment=assessment).first()
    connection = current or FieldSync(assessment=assessment, created_by=_user(actor))
    if current is None and not secret:
        raise sync.SyncError(sync.MSG_NO_SECRET)
    moved = (connection.server, connection.url, connection.form_id) != (server, url, form_id)
    connection.server, connection.url, connection.form_id = server, url, form_id
    connection.username = username if server == SyncServer.CENTRAL else ""
    if secret:
        connection.secret = sync.encrypt(secret)
    if moved:
        connection.cursor = ""
    connection.last_problem = {}
    connection.save()
    record(
        actor,
        "sync.connected",
        assessment,
        server=server,
        url=url,
        form=form_id,
        new_credential=bool(secret),
    )
    return connection


def disconnect_sync(actor: Any, connection: FieldSync) -> None:
    record(actor, "sync.disconnected", connection.assessment, form=connection.form_id)
    connection.delete()


@dataclass
class PullResult:
    jobs: list[ImportJob] = field(default_factory=list)
    created: int = 0
    problem: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problem


def pull_sync(actor: Any, connection: FieldSync, *, from_start: bool = False) -> PullResult:
    """Pull the submissions made since the last pull, page by page, each page through the
    same import as an uploaded export (:func:`safercities.diagnosis.tasks.run_job`, the good
    rows imported and the others listed). The cursor moves after each stored page, so a pull
    that stops (bad credential, server error, timeout, unreadable page) keeps what was stored
    and the next pull resumes from the page that failed. ``from_start`` asks for everything
    again (already stored rows are skipped)."""
    from safercities.diagnosis.tasks import run_job

    result = PullResult()
    now = timezone.now()
    cursor = "" if from_start else connection.cursor
    try:
        secret = sync.decrypt(connection.secret)
        if connection.server == SyncServer.CENTRAL:
            pages = sync.central_pages(
                connection.url, connection.form_id, connection.username, secret, cursor, now
            )
        else:
            pages = sync.kobo_pages(connection.url, connection.form_id, secret, cursor)
        for page in pages:
            job = ImportJob(
                assessment=connection.assessment,
                original_name=page.filename[:200],
                created_by=_user(actor),
                keep_good_rows=True,
                sync=connection,
            )
            job.file.save(page.filename, ContentFile(page.content), save=False)
            job.save()
            job = run_job(job)
            result.jobs.append(job)
            if job.status != ImportStatus.DONE:
                raise sync.SyncError(sync.MSG_PAGE, page=page.number)
            result.created += job.created_count
            connection.cursor = page.cursor
            FieldSync.objects.filter(pk=connection.pk).update(cursor=page.cursor)
    except sync.SyncError as exc:
        result.problem = exc.as_dict()
    with transaction.atomic():
        connection.last_pulled_at = now
        connection.last_problem = result.problem
        FieldSync.objects.filter(pk=connection.pk).update(
            last_pulled_at=now, last_problem=result.problem
        )
        record(
            actor,
            "sync.pulled",
            connection.assessment,
            form=connection.form_id,
            pages=len(result.jobs),
            created=result.created,
            problem=result.problem.get("code", ""),
        )
    return result


def rotate_credentials() -> int:
    """Re-encrypt every stored credential with the current key; returns how many."""
    count = 0
    for connection in FieldSync.objects.exclude(secret=""):
        FieldSync.objects.filter(pk=connection.pk).update(secret=sync.rotate(connection.secret))
        count += 1
    return count
