"""Resources in the JSON API: read published ones, list them, create a draft."""

from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from safercities.api.base import AUTH, OPTIONAL_AUTH, BodySchema, Error, FieldError
from safercities.api.types import CountryCode, LanguageCode, Slug
from safercities.core.languages import normalize_language_code
from safercities.library import permissions
from safercities.library.enums import Audience, ResourceType
from safercities.library.models import Resource
from safercities.library.rules import MIN_YEAR, max_year, year_is_valid
from safercities.library.services import save_resource
from safercities.places.models import City, Country
from safercities.taxonomy.models import Theme

router = Router(tags=["library"])
ResourceKind = Literal[tuple(ResourceType.values)]  # type: ignore[valid-type]


class FileOut(Schema):
    url: str
    content_type: str
    size: int


class TranslationOut(Schema):
    id: int
    language: str
    url: str


class ResourceSummaryOut(Schema):
    id: int
    url: str
    title: str
    summary: str
    language: str
    type: str = Field(description="guide, tool, case_study, research, policy, training, …")
    themes: list[str]
    countries: list[str]
    cities: list[str]
    year: int | None
    published_at: datetime | None


class ResourceOut(ResourceSummaryOut):
    status: str
    body: str = Field(description="Markdown")
    body_html: str = Field(description="The body rendered as sanitized HTML")
    audience: list[str]
    publisher: str
    authors: str
    licence: str
    source_url: str
    ref: str
    file: FileOut | None
    download_count: int
    translations: list[TranslationOut]


class ResourceListOut(Schema):
    count: int
    items: list[ResourceSummaryOut]


class ResourceIn(BodySchema):
    title: str = Field(..., min_length=1, max_length=300)
    summary: str = Field("", max_length=2000)
    body: str = Field("", max_length=100_000, description="Markdown")
    language: str = Field(..., description="BCP-47 code, e.g. en, th, zh-Hans")
    type: str = Field(..., description="One of: " + ", ".join(ResourceType.values))
    themes: list[str] = Field(default_factory=list, description="Theme slugs")
    countries: list[str] = Field(default_factory=list, description="ISO 3166-1 alpha-2 codes")
    cities: list[str] = Field(default_factory=list, description="City slugs")
    audience: list[str] = Field(default_factory=list, description=", ".join(Audience.values))
    year: int | None = None
    publisher: str = Field("", max_length=200)
    authors: str = Field("", max_length=300)
    licence: str = Field("", max_length=120)
    source_url: str = Field("", max_length=500)


def _absolute(request, resource: Resource) -> str:
    return request.build_absolute_uri(resource.get_absolute_url())


def _summary(resource: Resource, request) -> dict:
    return {
        "id": resource.pk,
        "url": _absolute(request, resource),
        "title": resource.title,
        "summary": resource.summary,
        "language": resource.language,
        "type": resource.resource_type,
        "themes": [theme.slug for theme in resource.themes.all()],
        "countries": [country.code for country in resource.countries.all()],
        "cities": [city.slug for city in resource.cities.all()],
        "year": resource.year,
        "published_at": resource.published_at,
    }


def _detail(resource: Resource, request) -> dict:
    data = _summary(resource, request)
    file = None
    if resource.file:
        file = {
            "url": request.build_absolute_uri(resource.get_download_url()),
            "content_type": resource.file_type,
            "size": resource.file_size,
        }
    data.update(
        status=resource.status,
        body=resource.body,
        body_html=resource.body_html,
        audience=resource.audience,
        publisher=resource.publisher,
        authors=resource.authors,
        licence=resource.licence,
        source_url=resource.source_url,
        ref=resource.ref,
        file=file,
        download_count=resource.download_count,
        translations=[
            {"id": t.pk, "language": t.language, "url": _absolute(request, t)}
            for t in resource.translations()
        ],
    )
    return data


@router.get("/resources", response=ResourceListOut, summary="List published resources")
def list_resources(
    request,
    type: ResourceKind | None = None,  # noqa: A002 - public parameter name
    theme: Slug | None = None,
    language: LanguageCode | None = None,
    country: CountryCode | None = None,
    city: Slug | None = None,
    limit: int = Query(20, ge=1, le=100),
    offset: int = Query(0, ge=0),
):
    resources = Resource.objects.published().newest_first().with_facets()
    if type:
        resources = resources.filter(resource_type=type)
    if language:
        resources = resources.filter(language=normalize_language_code(language))
    if theme:
        resources = resources.filter(themes__slug=theme)
    if country:
        resources = resources.filter(countries__code=country.upper())
    if city:
        resources = resources.filter(cities__slug=city)
    page = resources[offset : offset + limit]
    return {"count": resources.count(), "items": [_summary(r, request) for r in page]}


@router.get(
    "/resources/{resource_id}",
    response=ResourceOut,
    auth=OPTIONAL_AUTH,
    summary="Read one resource (drafts only for their author and editors)",
)
def get_resource(request, resource_id: int):
    visible = permissions.filter_resources_queryset(request.auth, Resource.objects.all())
    resource = get_object_or_404(visible.with_facets(), pk=resource_id)
    return _detail(resource, request)


def _lookup(model, field: str, key: str, values: list[str], label: str) -> list:
    found = {getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": values})}
    missing = [v for v in values if v not in found]
    if missing:
        raise FieldError(field, f"Unknown {label}: {', '.join(missing)}")
    return [found[v] for v in values]


@router.post(
    "/resources",
    response={201: ResourceOut, 403: Error},
    auth=AUTH,
    summary="Create a draft resource owned by the caller",
)
def create_resource(request, payload: ResourceIn):
    user = request.auth
    permissions.check_can_create_resource(user)
    language = normalize_language_code(payload.language)
    if language is None:
        raise FieldError("language", "Unknown language code.")
    if payload.type not in ResourceType.values:
        raise FieldError("type", f"Unknown type; use one of {ResourceType.values}")
    if payload.year is not None and not year_is_valid(payload.year):
        raise FieldError("year", f"The year must be between {MIN_YEAR} and {max_year()}.")
    bad_audience = [a for a in payload.audience if a not in Audience.values]
    if bad_audience:
        raise FieldError("audience", f"Unknown audience: {', '.join(bad_audience)}")
    if payload.source_url:
        try:
            URLValidator(schemes=["http", "https"])(payload.source_url)
        except ValidationError as exc:
            raise FieldError("source_url", "Enter a full http:// or https:// address.") from exc
    if not payload.title.strip():
        raise FieldError("title", "The title cannot be blank.")
    themes = _lookup(Theme, "themes", "slug", list(dict.fromkeys(payload.themes)), "theme")
    countries = [c.upper() for c in dict.fromkeys(payload.countries)]
    countries = _lookup(Country, "countries", "code", countries, "country")
    cities = _lookup(City, "cities", "slug", list(dict.fromkeys(payload.cities)), "city")
    fields = {
        "title": payload.title.strip(),
        "summary": payload.summary.strip(),
        "body": payload.body,
        "language": language,
        "resource_type": payload.type,
        "audience": list(dict.fromkeys(payload.audience)),
        "year": payload.year,
        "publisher": payload.publisher.strip(),
        "authors": payload.authors.strip(),
        "licence": payload.licence.strip(),
        "source_url": payload.source_url,
    }
    resource = save_resource(user, None, fields, themes=themes, countries=countries, cities=cities)
    resource = Resource.objects.with_facets().get(pk=resource.pk)
    return Status(201, _detail(resource, request))
