"""Practices in search: the document handed to the engine, and when the index changes."""

import pytest

from safercities.practices.documents import practice_to_document
from safercities.practices.models import Indicator, ReviewAssignment
from safercities.practices.tests.conftest import review_post
from safercities.search.models import IndexedDocument

pytestmark = pytest.mark.django_db


def indexed(practice) -> IndexedDocument | None:
    return IndexedDocument.objects.filter(kind="practice", object_id=practice.pk).first()


def test_a_practice_becomes_a_search_document_with_its_facets(make_practice, city_a):
    practice = make_practice(
        city=city_a,
        themes=("youth", "drugs"),
        start_year=2017,
        end_year=2020,
        language="th",
        context="Context words",
        results="Result words",
        lessons="Lesson words",
        is_replicable=True,
    )
    Indicator.objects.create(practice=practice, name="Indicator words", result=3)
    doc = practice_to_document(practice)
    assert (doc.kind, doc.type, doc.object_id) == ("practice", "practice", practice.pk)
    assert doc.themes == ["drugs", "youth"]
    assert doc.countries == ["TH"] and doc.cities == ["bangkok"]
    assert doc.year == 2020 and doc.flags == ["replicable"] and doc.language == "th"
    for words in (
        "Problem of",
        "Context words",
        "What",
        "Result words",
        "Indicator words",
        "Lesson words",
    ):
        assert words in doc.text
    ongoing = make_practice(end_year=None, ongoing=True, start_year=2022)
    assert practice_to_document(ongoing).year == 2022 and practice_to_document(ongoing).cities == []


def test_publishing_indexes_and_unpublishing_removes(client_for, make_practice, editor):
    draft = make_practice(published=False)
    client = client_for(editor)
    client.post(f"/practices/{draft.slug}/publish/")
    assert indexed(draft) is not None
    client.post(f"/practices/{draft.slug}/publish/", {"action": "unpublish"})
    assert indexed(draft) is None


def test_a_review_that_changes_the_mark_updates_the_index(
    client_for, make_practice, make_review, reviewer, second_reviewer
):
    practice = make_practice()
    make_review(practice, second_reviewer, 5)
    ReviewAssignment.objects.create(practice=practice, reviewer=reviewer)
    client_for(reviewer).post(f"/practices/{practice.slug}/review/", review_post(4))
    document = indexed(practice)
    assert document is not None and document.flags == ["replicable"]


def test_search_for_my_city_follows_the_practice_matcher(client, city_a, make_city):
    from django.utils import timezone

    from safercities.practices.city_matching import practices_for_city
    from safercities.practices.enums import PracticeStatus
    from safercities.practices.models import Practice
    from safercities.search.index import reindex_objects
    from safercities.taxonomy.models import Theme

    practices = []
    for n, (country, themes) in enumerate(
        [("KH", ["street-lighting"]), ("TH", ["womens-safety", "street-lighting"]), ("VN", [])]
    ):
        city = make_city(name=f"Elsewhere {n}", country=country)
        practice = Practice.objects.create(
            title=f"Lighting practice {n}", slug=f"lighting-practice-{n}", city=city,
            country_id=country, start_year=2018 + n, problem="Dark lanes.",
            what_was_done="Solar lamps.", status=PracticeStatus.PUBLISHED,
            published_at=timezone.now(), language="en",
        )  # fmt: skip
        practice.themes.set(Theme.objects.filter(slug__in=themes))
        practices.append(practice)
    reindex_objects(practices)
    expected = [match.practice.title for match in practices_for_city(city_a)]
    assert sorted(expected) == sorted(p.title for p in practices)
    response = client.get("/search/", {"q": "lighting", "city": city_a.slug})
    html = response.content.decode().replace("<mark>", "").replace("</mark>", "")
    positions = [html.index(title) for title in expected]
    assert positions == sorted(positions)
