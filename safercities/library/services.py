"""The verbs of the Resource Facility: write a draft, submit, publish, request changes, reject,
archive, count a download.

Each workflow verb checks that the transition is allowed (``TransitionError`` otherwise),
records an audit entry (``resource.published``…), notifies the submitter (or, on submission,
the editors) and reindexes the resource for search. Permission checks belong to the caller
(views, API).
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from safercities.core.audit import record
from safercities.library.enums import ResourceStatus
from safercities.library.files import FileKind
from safercities.library.indexing import reindex
from safercities.library.models import Resource
from safercities.library.notifications import notify_editors_of_submission, notify_submitter

CONTENT_FIELDS = (
    "title",
    "summary",
    "body",
    "language",
    "resource_type",
    "audience",
    "year",
    "publisher",
    "authors",
    "licence",
    "source_url",
    "ref",
)

# verb -> (statuses it starts from, status it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "submit": (
        (ResourceStatus.DRAFT, ResourceStatus.CHANGES_REQUESTED),
        ResourceStatus.SUBMITTED,
    ),
    "publish": ((ResourceStatus.SUBMITTED,), ResourceStatus.PUBLISHED),
    "request_changes": ((ResourceStatus.SUBMITTED,), ResourceStatus.CHANGES_REQUESTED),
    "reject": ((ResourceStatus.SUBMITTED,), ResourceStatus.REJECTED),
    "archive": ((ResourceStatus.PUBLISHED,), ResourceStatus.ARCHIVED),
}


class TransitionError(Exception):
    """The resource is not in a status this verb can start from."""

    def __init__(self, verb: str, status: str) -> None:
        self.verb = verb
        self.status = status
        allowed = ", ".join(str(ResourceStatus(s).label) for s in TRANSITIONS[verb][0])
        super().__init__(
            _("This cannot be done to a resource in status “%(status)s”; it needs: %(allowed)s.")
            % {"status": ResourceStatus(status).label, "allowed": allowed}
        )


@dataclass
class Upload:
    """An uploaded file and the kind its content was recognised as."""

    file: Any  # django.core.files.File
    kind: FileKind


def _attach(resource: Resource, upload: Upload | None, remove_file: bool) -> str | None:
    """Set the new file (or none); returns the old stored name to delete after commit."""
    old_name = resource.file.name if resource.file else None
    if upload is not None:
        upload.file.name = f"upload.{upload.kind.extension}"
        resource.file = upload.file
        resource.file_type = upload.kind.mime
        resource.file_size = upload.file.size
    elif remove_file:
        resource.file = None
        resource.file_type = ""
        resource.file_size = 0
    else:
        return None
    return old_name


def save_resource(
    actor,
    resource: Resource | None,
    fields: dict[str, Any],
    *,
    themes=None,
    countries=None,
    cities=None,
    upload: Upload | None = None,
    remove_file: bool = False,
    translation_of: Resource | None = None,
) -> Resource:
    """Create a draft owned by ``actor`` (``resource=None``) or save changes to one."""
    creating = resource is None
    if resource is None:
        resource = Resource(submitter=actor, status=ResourceStatus.DRAFT)
    for name, value in fields.items():
        if name not in CONTENT_FIELDS:
            raise ValueError(f"not a content field: {name}")
        setattr(resource, name, value)
    if translation_of is not None and translation_of.pk != resource.pk:
        resource.translation_group = translation_of.translation_group
    with transaction.atomic():
        old_file = _attach(resource, upload, remove_file)
        resource.save()
        if themes is not None:
            resource.themes.set(themes)
        if countries is not None:
            resource.countries.set(countries)
        if cities is not None:
            resource.cities.set(cities)
        changed = sorted(fields) + (["file"] if old_file is not None or upload else [])
        action = "resource.created" if creating else "resource.updated"
        record(actor, action, resource, fields=changed)
        if resource.status in (ResourceStatus.PUBLISHED, ResourceStatus.ARCHIVED):
            reindex(resource)
        if old_file and old_file != resource.file.name:
            storage = resource.file.storage
            transaction.on_commit(lambda: storage.delete(old_file))
    return resource


def _transition(actor, resource: Resource, verb: str, **changes: Any) -> Resource:
    sources, target = TRANSITIONS[verb]
    with transaction.atomic():
        current = (
            Resource.objects.select_for_update()
            .values_list("status", flat=True)
            .get(pk=resource.pk)
        )
        resource.status = current
        if current not in sources:
            raise TransitionError(verb, current)
        resource.status = target
        for name, value in changes.items():
            setattr(resource, name, value)
        resource.save(update_fields=["status", "updated_at", *changes])
        data = {"previous": current}
        if changes.get("editor_comment"):
            data["comment"] = changes["editor_comment"]
        action = "resource.submitted" if verb == "submit" else f"resource.{target}"
        record(actor, action, resource, **data)
        if verb == "submit":
            notify_editors_of_submission(resource, actor=actor)
        else:
            notify_submitter(resource, target, actor=actor)
        reindex(resource)
    return resource


def submit_resource(actor, resource: Resource) -> Resource:
    """Send a draft (or a resource sent back for changes) to the editors."""
    return _transition(actor, resource, "submit", submitted_at=timezone.now())


def publish_resource(actor, resource: Resource) -> Resource:
    return _transition(
        actor,
        resource,
        "publish",
        published_at=resource.published_at or timezone.now(),
        reviewed_by=actor,
        editor_comment="",
    )


def request_changes(actor, resource: Resource, comment: str) -> Resource:
    comment = (comment or "").strip()
    if not comment:
        raise ValueError(_("Please tell the author what to change."))
    return _transition(
        actor, resource, "request_changes", editor_comment=comment, reviewed_by=actor
    )


def reject_resource(actor, resource: Resource, comment: str = "") -> Resource:
    return _transition(
        actor, resource, "reject", editor_comment=(comment or "").strip(), reviewed_by=actor
    )


def archive_resource(actor, resource: Resource) -> Resource:
    return _transition(actor, resource, "archive")


def count_download(resource: Resource) -> None:
    """One more download, counted in the database (no lost updates under concurrency)."""
    Resource.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 1)
