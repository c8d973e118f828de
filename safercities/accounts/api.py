from typing import Literal

from django.conf import settings
from django.db import transaction
from ninja import Router, Schema
from pydantic import Field, field_validator

from safercities.accounts.enums import OrganisationType
from safercities.accounts.models import Organisation
from safercities.api.base import AUTH, BodySchema, FieldError
from safercities.core.audit import record
from safercities.core.languages import normalize_language_code
from safercities.places.models import City
from safercities.taxonomy.models import Theme

router = Router(tags=["accounts"])
OrganisationKind = Literal[tuple(OrganisationType.values)]  # type: ignore[valid-type]


class OrganisationOut(Schema):
    slug: str
    name: str
    acronym: str
    kind: str
    country: str | None
    city: str | None


class ProfileOut(Schema):
    id: int
    email: str
    name: str
    organisation: str | None
    position: str
    city: str | None
    languages: list[str]
    themes: list[str]
    bio: str
    contact_visible: bool
    ui_language: str
    roles: list[str]


class ProfileIn(BodySchema):
    name: str | None = Field(None, min_length=1, max_length=150)
    organisation: str | None = Field(None, description="Organisation slug")
    position: str | None = Field(None, max_length=150)
    city: str | None = Field(None, description="City slug")
    languages: list[str] | None = None
    themes: list[str] | None = Field(None, description="Theme slugs")
    bio: str | None = Field(None, max_length=1000)
    contact_visible: bool | None = None
    ui_language: str | None = None

    @field_validator("ui_language")
    @classmethod
    def _ui_language(cls, value: str | None) -> str | None:
        if value not in (None, "") and value not in dict(settings.LANGUAGES):
            raise ValueError("unknown interface language")
        return value


def _profile(user) -> dict:
    from safercities.accounts.permissions import roles_of

    return {
        "id": user.pk,
        "email": user.email,
        "name": user.name,
        "organisation": user.organisation.slug if user.organisation else None,
        "position": user.position,
        "city": user.city.slug if user.city else None,
        "languages": user.languages,
        "themes": [t.slug for t in user.themes.all()],
        "bio": user.bio,
        "contact_visible": user.contact_visible,
        "ui_language": user.ui_language,
        "roles": sorted(str(r) for r in roles_of(user)),
    }


@router.get("/organisations", response=list[OrganisationOut])
def list_organisations(request, type: OrganisationKind | None = None):  # noqa: A002
    organisations = Organisation.objects.all()
    if type:
        organisations = organisations.filter(kind=type)
    return [
        {
            "slug": o.slug,
            "name": o.name,
            "acronym": o.acronym,
            "kind": o.kind,
            "country": o.country_id,
            "city": o.city.slug if o.city_id else None,
        }
        for o in organisations.select_related("city")
    ]


@router.get("/me", response=ProfileOut, auth=AUTH)
def me(request):
    return _profile(request.auth)


@router.patch("/me", response=ProfileOut, auth=AUTH)
def update_me(request, payload: ProfileIn):
    user = request.auth
    data = payload.model_dump(exclude_unset=True)
    themes = None
    if "organisation" in data:
        slug = data.pop("organisation")
        org = Organisation.objects.filter(slug=slug).first() if slug else None
        if slug and org is None:
            raise FieldError("organisation", "Unknown organisation.")
        user.organisation = org
    if "city" in data:
        slug = data.pop("city")
        city = City.objects.filter(slug=slug).first() if slug else None
        if slug and city is None:
            raise FieldError("city", "Unknown city.")
        user.city = city
    if "languages" in data:
        codes = [normalize_language_code(code) for code in data.pop("languages") or []]
        if None in codes:
            raise FieldError("languages", "Unknown language code.")
        user.languages = codes
    if "themes" in data:
        slugs = data.pop("themes") or []
        themes = list(Theme.objects.filter(slug__in=slugs))
        if len(themes) != len(set(slugs)):
            raise FieldError("themes", "Unknown theme slug.")
    for key, value in data.items():
        if value is None and key not in ("contact_visible",):
            value = ""
        if value is None:
            raise FieldError(key, "This field cannot be null.")
        setattr(user, key, value)
    with transaction.atomic():
        user.save()
        if themes is not None:
            user.themes.set(themes)
        record(user, "profile.updated", user, via="api", fields=sorted(payload.model_fields_set))
    return _profile(user)
