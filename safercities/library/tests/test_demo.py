"""The demo data: rich enough to show the library, idempotent, labelled as demo."""

import io

import pytest

from safercities.library.enums import ResourceStatus
from safercities.library.models import Collection, Resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_loaded(db):
    from safercities.accounts import demo as accounts_demo
    from safercities.library import demo
    from safercities.places import demo as places_demo

    out = io.StringIO()
    places_demo.load(out)
    accounts_demo.load(out)
    demo.load(out)
    return demo, out.getvalue()


def test_the_demo_has_at_least_150_published_resources_in_at_least_8_languages(demo_loaded):
    published = Resource.objects.published()
    assert published.count() >= 150
    languages = set(published.values_list("language", flat=True))
    assert len(languages) >= 8
    assert {"en", "th", "km", "vi", "id", "zh-Hans", "hi", "bn", "ne", "fil", "lo"} <= languages
    assert "library: 160 demo resources in 11 languages" in demo_loaded[1]


def test_every_demo_resource_is_labelled_as_demo(demo_loaded):
    for resource in Resource.objects.all():
        assert resource.publisher == "Demo publisher"
        assert "Demo content" in resource.body
        assert resource.ref.startswith(("demo-res-", "demo-sub-"))


def test_the_demo_spreads_over_themes_types_countries_cities_and_years(demo_loaded):
    published = Resource.objects.published()
    assert published.values("themes").distinct().count() >= 12
    assert published.values("resource_type").distinct().count() == 9
    assert published.values("countries").distinct().count() >= 9
    assert published.values("cities").distinct().count() >= 10
    years = set(published.values_list("year", flat=True))
    assert min(years) >= 2000 and max(years) <= 2026 and len(years) >= 15


def test_loading_twice_adds_nothing(demo_loaded):
    demo, _ = demo_loaded
    counts = (Resource.objects.count(), Collection.objects.count(),
              Resource.themes.through.objects.count())  # fmt: skip
    demo.load(io.StringIO())
    assert counts == (Resource.objects.count(), Collection.objects.count(),
                      Resource.themes.through.objects.count())  # fmt: skip


def test_some_demo_resources_have_a_pdf_that_downloads(demo_loaded, client):
    with_files = Resource.objects.published().exclude(file="")
    assert with_files.count() >= 5
    response = client.get(with_files.first().get_download_url())
    content = b"".join(response.streaming_content)  # reading it all closes the file
    assert response["Content-Type"] == "application/pdf"
    assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")


def test_translations_are_linked(demo_loaded, client):
    resource = Resource.objects.get(ref="demo-res-001")
    assert resource.translations().count() >= 1
    assert "Also available in:" in client.get(resource.get_absolute_url()).content.decode()


def test_three_published_collections_and_a_review_queue(demo_loaded, client):
    assert Collection.objects.published().count() == 3
    for collection in Collection.objects.all():
        assert collection.published_resources().count() >= 4
    waiting = Resource.objects.awaiting_review()
    assert waiting.count() == 2
    assert all(r.submitter.email == "member@demo.safercities.invalid" for r in waiting)
    sent_back = Resource.objects.get(ref="demo-sub-003")
    assert sent_back.status == ResourceStatus.CHANGES_REQUESTED and sent_back.editor_comment
