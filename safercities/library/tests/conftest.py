"""Fixtures of the library tests: a private MEDIA_ROOT, a resource factory, file samples."""

import itertools

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from safercities.library.enums import ResourceStatus
from safercities.library.models import Resource
from safercities.library.pdf import minimal_pdf
from safercities.taxonomy.models import Theme

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def theme(db) -> Theme:
    return Theme.objects.get(slug="womens-safety")


@pytest.fixture
def other_theme(db) -> Theme:
    return Theme.objects.get(slug="street-lighting")


@pytest.fixture
def make_resource(db):
    def make(
        *,
        title: str | None = None,
        status: str = ResourceStatus.PUBLISHED,
        submitter=None,
        language: str = "en",
        resource_type: str = "guide",
        themes=(),
        countries=(),
        cities=(),
        file: bytes | None = None,
        file_type: str = "application/pdf",
        **fields,
    ) -> Resource:
        n = next(_counter)
        if status == ResourceStatus.PUBLISHED:
            fields.setdefault("published_at", timezone.now())
        resource = Resource(
            title=title or f"Resource {n}",
            summary=fields.pop("summary", f"Summary of resource {n}."),
            status=status,
            submitter=submitter,
            language=language,
            resource_type=resource_type,
            **fields,
        )
        if file is not None:
            resource.file.save("upload.pdf", ContentFile(file), save=False)
            resource.file_type = file_type
            resource.file_size = len(file)
        resource.save()
        resource.themes.set(themes)
        resource.countries.set(countries)
        resource.cities.set(cities)
        return resource

    return make


@pytest.fixture
def pdf_bytes() -> bytes:
    return minimal_pdf("A real PDF", "for the tests")
