"""Record significant actions in the audit log: ``record(actor, "resource.published", obj)``."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from safercities.core.models import AuditLogEntry


def record(actor: Any, action: str, obj: models.Model | None = None, **data: Any) -> AuditLogEntry:
    """Write one audit-log entry and return it.

    ``actor`` may be an anonymous user or None (system actions, imports).
    """
    user = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditLogEntry(actor=user, action=action, data=data)
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:200]
    entry.save()
    return entry
