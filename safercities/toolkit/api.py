"""Tools and their versions in the JSON API (read only).

``GET /api/v1/tools``, ``GET /api/v1/tools/{slug}/versions``, ``GET /api/v1/tool-versions/{id}``
(with the full instrument definition). Published versions are public; drafts are listed for
their city team only (session or token).
"""

from datetime import datetime
from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Router, Schema

from safercities.api.base import OPTIONAL_AUTH, FieldError
from safercities.api.types import LanguageTag
from safercities.toolkit import permissions
from safercities.toolkit.models import GENERIC_FIRST, Tool, ToolVersion, reader_language

router = Router(tags=["toolkit"])


class ToolOut(Schema):
    slug: str
    kind: str = Field(description="safety_audit, victimization_survey or incident_report")
    title: str
    description: str
    language: str = Field(description="Language of title and description")
    url: str
    generic_version: int | None = Field(description="Id of the latest generic version")
    xlsform_url: str | None


class VersionOut(Schema):
    id: int
    tool: str
    number: int
    label: str
    city: str | None = Field(description="City slug; null for the generic tool")
    based_on: int | None
    languages: list[str]
    published: bool
    locked: bool = Field(description="Used by an assessment: it will never change")
    created_at: datetime
    published_at: datetime | None
    url: str
    xlsform_url: str


class VersionDetailOut(VersionOut):
    definition: dict[str, Any] = Field(
        description="The instrument (format safercities.instrument/1)"
    )
    change_reasons: dict[str, str] = Field(
        description="Reason per changed question (name) or choice (list/choice)"
    )


def _language(lang: str | None) -> str:
    if lang is None:
        return reader_language()
    code = lang.strip().lower().replace("_", "-")
    if not code or len(code) > 15:
        raise FieldError("lang", "Give a BCP-47 language code, for example th.")
    return code


def _version(version: ToolVersion, request) -> dict[str, Any]:
    absolute = request.build_absolute_uri
    return {
        "id": version.pk,
        "tool": version.tool.slug,
        "number": version.number,
        "label": version.label,
        "city": version.city.slug if version.city_id else None,
        "based_on": version.based_on_id,
        "languages": list(version.languages),
        "published": version.published,
        "locked": version.locked,
        "created_at": version.created_at,
        "published_at": version.published_at,
        "url": absolute(version.get_absolute_url()),
        "xlsform_url": absolute(
            reverse("toolkit:version_xlsform", args=[version.tool.slug, version.pk])
        ),
    }


@router.get("/tools", response=list[ToolOut], summary="List the toolkit's tools")
def list_tools(request, lang: LanguageTag | None = None):
    code = _language(lang)
    items = []
    for tool in Tool.objects.all():
        generic = tool.generic_version()
        items.append(
            {
                "slug": tool.slug,
                "kind": tool.kind,
                "title": tool.title_for(code),
                "description": tool.description_for(code),
                "language": code,
                "url": request.build_absolute_uri(tool.get_absolute_url()),
                "generic_version": generic.pk if generic else None,
                "xlsform_url": request.build_absolute_uri(
                    reverse("toolkit:generic_xlsform", args=[tool.slug])
                )
                if generic
                else None,
            }
        )
    return items


@router.get(
    "/tools/{slug}/versions",
    response=list[VersionOut],
    auth=OPTIONAL_AUTH,
    summary="List a tool's versions (generic and by city; drafts only for their city team)",
)
def list_versions(request, slug: str, city: str | None = None):
    tool = get_object_or_404(Tool, slug=slug)
    versions = permissions.filter_versions_queryset(
        request.auth, tool.versions.select_related("tool", "city")
    )
    if city == "generic":
        versions = versions.filter(city__isnull=True)
    elif city:
        versions = versions.filter(city__slug=city)
    return [_version(v, request) for v in versions.order_by(GENERIC_FIRST, "number")]


@router.get(
    "/tool-versions/{version_id}",
    response=VersionDetailOut,
    auth=OPTIONAL_AUTH,
    summary="Read one tool version with its instrument definition",
)
def get_version(request, version_id: int):
    version = permissions.get_viewable_version_or_404(
        request.auth, ToolVersion.objects.select_related("tool", "city"), pk=version_id
    )
    data = _version(version, request)
    data["definition"] = version.definition
    data["change_reasons"] = version.change_reasons
    return data
