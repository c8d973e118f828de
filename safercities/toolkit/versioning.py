"""Creating the generic tools and locking versions (used by migrations, demo and diagnosis)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max

from safercities.core import audit
from safercities.instruments.generic import GENERIC_SLUGS, generic_instrument
from safercities.toolkit.enums import GENERIC_TOOL_KINDS


class VersionNotPublished(ValueError):
    """Only published versions can be used by assessments."""


def generic_definition(slug: str, number: int) -> dict[str, Any]:
    """The code-defined generic instrument ``slug`` as stored in version ``number``."""
    instrument = generic_instrument(slug)
    instrument.version = number
    return instrument.to_dict()


def _same_definition(stored: dict[str, Any], fresh: dict[str, Any]) -> bool:
    return {**stored, "version": 0} == {**fresh, "version": 0}


def ensure_generic_tools(tool_model: Any = None, version_model: Any = None) -> list[Any]:
    """Create the three generic tools and their generic versions (idempotent).

    When the code-defined generic instrument changed since the latest generic version
    (for example new translations), a new generic version is published; older ones stay
    for the assessments that used them. Returns the versions created. The model arguments
    let the data migration pass its historical models.
    """
    if tool_model is None or version_model is None:
        from safercities.toolkit.models import Tool, ToolVersion

        tool_model, version_model = Tool, ToolVersion
    from django.utils import timezone

    created = []
    with transaction.atomic():
        for order, slug in enumerate(GENERIC_SLUGS, start=1):
            tool, _new = tool_model.objects.get_or_create(
                slug=slug, defaults={"kind": GENERIC_TOOL_KINDS[slug], "order": order}
            )
            generic = version_model.objects.filter(tool=tool, city__isnull=True)
            latest = generic.order_by("-number").first()
            number = (latest.number + 1) if latest else 1
            definition = generic_definition(slug, number)
            if latest is not None and _same_definition(latest.definition, definition):
                continue
            created.append(
                version_model.objects.create(
                    tool=tool,
                    city=None,
                    number=number,
                    based_on=latest,
                    definition=definition,
                    languages=list(definition["languages"]),
                    published=True,
                    published_at=timezone.now(),
                )
            )
    return created


def next_number(tool: Any, city: Any) -> int:
    """The next version number of ``tool`` for ``city`` (``None``: the generic numbering)."""
    versions = tool.versions.filter(city=city) if city else tool.versions.filter(city=None)
    return (versions.aggregate(top=Max("number"))["top"] or 0) + 1


def lock_version(version: Any, *, actor: Any = None) -> Any:
    """Mark a published version as used by an assessment: it can never change again.

    Idempotent; returns the version (with ``locked=True``). Raises
    :class:`VersionNotPublished` for a draft. Call it inside the transaction that
    creates the assessment.
    """
    if not version.published:
        raise VersionNotPublished(f"{version} is a draft; publish it before using it.")
    if not version.locked:
        type(version).objects.filter(pk=version.pk).update(locked=True)
        version.locked = True
        audit.record(actor, "tool_version.locked", version)
    return version
