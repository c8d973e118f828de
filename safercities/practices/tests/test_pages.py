"""The Practice Library's pages: what each person sees and can do."""

import re

import pytest

from safercities.core.models import AuditLogEntry
from safercities.practices.enums import PracticeStatus
from safercities.practices.models import Indicator, Practice

pytestmark = pytest.mark.django_db


def h1_count(response) -> int:
    return len(re.findall(r"<h1[\s>]", response.content.decode()))


def valid_practice(city, **extra) -> dict:
    data = {
        "title": "Lit lanes for night-shift workers",
        "language": "en",
        "city": city.pk,
        "start_year": "2019",
        "end_year": "",
        "ongoing": "on",
        "problem": "Women walking home after night shifts were harassed in dark lanes.",
        "what_was_done": "Residents mapped the dark spots and the district fixed the lights.",
        "target_groups": ["women", "informal_workers"],
        "approaches": ["situational"],
        "principles": ["partnerships", "differentiation"],
        "cost_usd": "12000",
        "indicators-TOTAL_FORMS": "2",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "20",
        "indicators-0-name": "Women who feel safe walking after dark",
        "indicators-0-baseline": "31",
        "indicators-0-result": "58",
        "indicators-0-unit": "%",
        "indicators-0-year": "2021",
    }
    return data | extra


def test_visitors_read_published_practices_but_not_drafts(client, make_practice, city_a):
    published = make_practice(city=city_a, title="Safe market paths")
    draft = make_practice(city=city_a, title="Secret draft", published=False)
    listing = client.get("/practices/")
    assert listing.status_code == 200 and h1_count(listing) == 1
    assert "Safe market paths" in listing.content.decode()
    assert "Secret draft" not in listing.content.decode()
    assert client.get(published.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Secret draft" not in client.get("/practices/?status=draft").content.decode()


def test_the_detail_page_shows_every_part_and_mean_scores(
    client, make_practice, make_review, make_user, city_a, make_organisation
):
    partner = make_organisation(name="Lane Watch Group")
    practice = make_practice(
        city=city_a,
        themes=("street-lighting",),
        context="Three canal-side settlements.",
        results="Fewer incidents reported.",
        lessons="Start with the walk.",
        transfer_conditions="A district that can fix lights within a month.",
        target_groups=["women"],
        approaches=["situational"],
        principles=["government_leadership"],
        other_partners="Night-market vendors",
        cost_usd=12_000,
        evidence="before_after",
    )
    practice.partners.add(partner)
    Indicator.objects.create(practice=practice, name="Reported incidents", baseline=40, result=22)
    make_review(practice, make_user(), 4)
    make_review(practice, make_user(), 3)
    practice.is_replicable = True
    practice.save()
    response = client.get(practice.get_absolute_url())
    body = response.content.decode()
    assert h1_count(response) == 1
    for text in (
        "Three canal-side settlements.",
        "Fewer incidents reported.",
        "Start with the walk.",
        "A district that can fix lights",
        "Lane Watch Group",
        "Night-market vendors",
        "Reported incidents",
        "Women",
        "Situational prevention",
        "Government leadership",
        "Street lighting",
        "12,000 USD",
        "low cost",
        "Before/after measurement",
        "Rated replicable",
        "Mean scores from 2 reviews.",
        "/practices/rubric/",
    ):
        assert text in body, text
    assert body.count("<meter") == 6
    assert 'value="3.50"' in body
    assert "style=" not in body


def test_the_contact_member_is_linked_only_for_members(
    client_for, make_practice, make_user, member
):
    contact = make_user(name="Nok Contact")
    practice = make_practice(contact=contact)
    anonymous = client_for(None).get(practice.get_absolute_url()).content.decode()
    assert "Nok Contact" not in anonymous and "Log in to see who." in anonymous
    logged_in = client_for(member).get(practice.get_absolute_url()).content.decode()
    assert f'href="/members/{contact.pk}/"' in logged_in


def test_the_list_filters_by_theme_approach_group_country_and_replicable(
    client, make_practice, city_a, city_b
):
    make_practice(
        city=city_a, title="Alpha lights", themes=("street-lighting",), approaches=["situational"]
    )
    make_practice(
        city=city_b,
        title="Beta youth",
        themes=("youth",),
        target_groups=["youth"],
        is_replicable=True,
    )
    make_practice(
        city=city_b, title="Gamma women", target_groups=["women", "girls"], approaches=["social"]
    )

    def titles(query: str) -> set[str]:
        body = client.get("/practices/?" + query).content.decode()
        return {t for t in ("Alpha lights", "Beta youth", "Gamma women") if t in body}

    assert titles("theme=street-lighting") == {"Alpha lights"}
    assert titles("approach=social") == {"Gamma women"}
    assert titles("group=youth") == {"Beta youth"}
    assert titles("group=girls") == {"Gamma women"}
    assert titles("country=KH") == {"Beta youth", "Gamma women"}
    assert titles("replicable=on") == {"Beta youth"}
    response = client.get("/practices/?approach=nonsense")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_rubric_page_explains_every_criterion(client):
    response = client.get("/practices/rubric/")
    body = response.content.decode()
    assert h1_count(response) == 1
    for label in (
        "Impact",
        "Partnership",
        "Sustainability",
        "Leadership and community empowerment",
        "Gender equality and social inclusion",
        "Innovation and transferability",
    ):
        assert label in body
    assert body.count("<dt>5</dt>") == 6


def test_a_member_proposes_a_practice_as_a_draft(client_for, member, city_a):
    client = client_for(member)
    assert h1_count(client.get("/practices/new/")) == 1
    response = client.post("/practices/new/", valid_practice(city_a))
    assert response.status_code == 302, response.content.decode()[:3000]
    practice = Practice.objects.get()
    assert practice.status == PracticeStatus.DRAFT
    assert practice.proposed_by == member
    assert practice.country_id == "TH"
    assert practice.cost_band == "low"
    assert practice.slug == "lit-lanes-for-night-shift-workers"
    assert practice.indicators.get().result == 58
    assert practice.target_groups == ["women", "informal_workers"]
    assert AuditLogEntry.objects.filter(action="practice.proposed").exists()
    assert client.get(practice.get_absolute_url()).status_code == 200
    assert "Lit lanes" in client.get("/practices/?status=draft").content.decode()


def test_a_visitor_is_asked_to_log_in_before_proposing(client):
    response = client.get("/practices/new/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_form_shows_errors_in_place_and_keeps_what_was_typed(
    client_for, member, city_a, city_b
):
    data = valid_practice(
        city_a,
        country="KH",
        ongoing="",
        end_year="2015",
        start_year="2019",
        cost_band="high",
        **{"indicators-0-baseline": "", "indicators-0-result": ""},
    )
    response = client_for(member).post("/practices/new/", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bangkok is in Thailand." in body
    assert "The end year cannot be before the start year." in body
    assert "Give the baseline, the result, or both." in body
    assert "Women walking home after night shifts" in body
    assert not Practice.objects.exists()


def test_a_known_amount_decides_the_cost_band(client_for, member, city_a):
    client_for(member).post("/practices/new/", valid_practice(city_a, cost_band="high"))
    assert Practice.objects.get().cost_band == "low"
    client_for(member).post(
        "/practices/new/", valid_practice(city_a, title="B", cost_usd="", cost_band="high")
    )
    assert Practice.objects.get(title="B").cost_band == "high"


def test_a_reserved_address_is_refused(client_for, member, city_a):
    response = client_for(member).post("/practices/new/", valid_practice(city_a, slug="rubric"))
    assert "This short name is reserved" in response.content.decode()


def test_proposers_edit_their_draft_until_it_is_published(
    client_for, make_practice, member, make_user, editor, city_a
):
    draft = make_practice(city=city_a, published=False, proposed_by=member)
    url = f"/practices/{draft.slug}/edit/"
    assert client_for(make_user()).get(url).status_code == 404
    assert client_for(member).get(url).status_code == 200
    response = client_for(member).post(
        url, valid_practice(city_a, title="Renamed", slug=draft.slug)
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Renamed"
    client_for(editor).post(f"/practices/{draft.slug}/publish/")
    assert client_for(member).get(url).status_code == 403
    assert client_for(editor).get(url).status_code == 200


def test_only_editors_publish_and_unpublish(client_for, make_practice, member, editor):
    draft = make_practice(published=False, proposed_by=member)
    url = f"/practices/{draft.slug}/publish/"
    assert client_for(member).post(url).status_code == 403
    client_for(editor).post(url)
    draft.refresh_from_db()
    assert draft.is_published and draft.published_at is not None
    client_for(editor).post(url, {"action": "unpublish"})
    draft.refresh_from_db()
    assert draft.status == PracticeStatus.DRAFT
    assert AuditLogEntry.objects.filter(action="practice.unpublished").exists()


def test_editors_see_all_drafts(client_for, make_practice, editor, make_user):
    make_practice(title="Someone's draft", published=False, proposed_by=make_user())
    body = client_for(editor).get("/practices/?status=draft").content.decode()
    assert "Someone&#x27;s draft" in body or "Someone's draft" in body


def test_practice_pages_answer_with_one_h1_for_editors(client_for, make_practice, editor, city_a):
    practice = make_practice(city=city_a)
    client = client_for(editor)
    for url in (
        practice.get_absolute_url(),
        f"/practices/{practice.slug}/edit/",
        f"/practices/{practice.slug}/reviewers/",
        f"/practices/{practice.slug}/reviews/",
        f"/practices/for/{city_a.slug}/",
        f"/practices/for/{city_a.slug}/concerns/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert h1_count(response) == 1, url


def test_the_list_and_the_city_sections_do_not_query_per_practice(
    client, make_practice, city_a, city_b, make_settlement, rf, visitor
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from safercities.practices.city_sections import (
        practices_for_city_section,
        practices_from_city_section,
    )

    make_settlement(city=city_b, estimated_population=10_000)
    request = rf.get("/")
    request.user = visitor

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as listing:
            assert client.get("/practices/").status_code == 200
        with CaptureQueriesContext(connection) as sections:
            practices_from_city_section(request, city_b)
            practices_for_city_section(request, city_a)
        return len(listing), len(sections)

    make_practice(city=city_b, themes=("youth", "drugs"), target_groups=["youth"])
    few = queries()
    for _ in range(20):
        make_practice(city=city_b, themes=("youth", "drugs"), target_groups=["youth"])
    assert queries() == few
