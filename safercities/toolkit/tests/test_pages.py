"""Reading pages: tools, versions with side-by-side differences, web form preview."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from safercities.instruments.generic import generic_instrument
from safercities.toolkit import services
from safercities.toolkit.models import ToolVersion

from .conftest import AUDIT


def h1_count(response) -> int:
    return len(re.findall(rb"<h1[\s>]", response.content))


@pytest.fixture
def bangkok_audit(draft, team_a):
    """The Bangkok draft with one added and one reworded question, published."""
    services.add_question(
        team_a,
        draft,
        name="cctv_visible",
        type="select_one",
        labels={"en": "Is there a CCTV camera visible?", "th": "มองเห็นกล้องวงจรปิดหรือไม่"},
        after="security",
        choices=[("yes", "Yes"), ("no", "No")],
        reason="Cameras are being installed.",
    )
    instrument = services.editable_copy(draft)
    instrument.question("walk_path").label.update(
        {"en": "Walk path (footpath or soi)", "th": "ทางเดิน (ทางเท้าหรือซอย)"}
    )
    services.save_definition(
        team_a, draft, instrument, reason="People walk in sois.", action="test"
    )
    return services.publish_version(team_a, draft)


def test_the_tool_list_shows_the_three_tools_in_the_readers_language(client, tools):
    response = client.get(reverse("toolkit:tools"), HTTP_ACCEPT_LANGUAGE="th")

    assert response.status_code == 200
    assert h1_count(response) == 1
    html = response.content.decode()
    for slug in tools:
        assert generic_instrument(slug).title_for("th") in html
        assert reverse("toolkit:generic_xlsform", args=[slug]) in html


def test_the_tool_page_shows_guidance_questions_versions_and_resources(
    client, audit, bangkok_audit
):
    response = client.get(reverse("toolkit:tool", args=[AUDIT]))

    html = response.content.decode()
    assert h1_count(response) == 1
    generic = generic_instrument(AUDIT)
    assert generic.guidance_for("en").split("\n")[0][:40] in html
    assert "Lighting" in html and "core" in html
    assert "Generic v1" in html and "Bangkok v1" in html
    assert "No resources linked yet." in html
    assert "Adapt for my city" not in html  # visitors cannot adapt


def test_drafts_are_listed_only_for_their_city_team(client_for, draft, team_a, team_b, member):
    url = reverse("toolkit:tool", args=[AUDIT])
    assert "Bangkok v1" in client_for(team_a).get(url).content.decode()
    assert "Bangkok v1" not in client_for(team_b).get(url).content.decode()
    assert "Bangkok v1" not in client_for(member).get(url).content.decode()


def test_a_city_team_member_sees_the_adapt_button(client_for, audit, team_a):
    html = client_for(team_a).get(reverse("toolkit:tool", args=[AUDIT])).content.decode()
    assert reverse("toolkit:version_start", args=[AUDIT]) in html


def test_the_version_page_shows_differences_side_by_side_with_reasons(client, bangkok_audit):
    response = client.get(bangkok_audit.get_absolute_url())

    assert response.status_code == 200
    assert h1_count(response) == 1
    html = response.content.decode()
    rows = re.findall(r'<tr class="(change-[a-z_]+)[^"]*">(.*?)</tr>', html, re.S)
    kinds = {kind for kind, _ in rows}
    assert {"change-question_added", "change-question_reworded"} <= kinds
    added = next(body for kind, body in rows if kind == "change-question_added")
    assert "Is there a CCTV camera visible?" in added and "Cameras are being installed." in added
    reworded = next(body for kind, body in rows if kind == "change-question_reworded")
    assert "Walk path" in reworded and "Walk path (footpath or soi)" in reworded
    assert "People walk in sois." in reworded
    assert "change-unchanged" not in kinds  # only differences unless asked


def test_the_differences_are_shown_in_the_readers_language(client, bangkok_audit):
    html = client.get(bangkok_audit.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "ทางเดิน (ทางเท้าหรือซอย)" in html
    assert "มองเห็นกล้องวงจรปิดหรือไม่" in html


def test_all_rows_are_shown_on_request(client, bangkok_audit):
    html = client.get(bangkok_audit.get_absolute_url() + "?all=1").content.decode()
    assert "change-unchanged" in html


def test_a_draft_is_hidden_from_other_people(client_for, draft, team_b, member):
    url = draft.get_absolute_url()
    assert client_for(team_b).get(url).status_code == 404
    assert client_for(member).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 404


def test_the_generic_version_page_has_no_differences(client, generic_audit):
    response = client.get(generic_audit.get_absolute_url())
    assert response.status_code == 200
    assert b"side-by-side" not in response.content


def test_the_web_form_preview_checks_answers_without_storing_them(client, generic_audit):
    url = reverse("toolkit:version_preview", args=[AUDIT, generic_audit.pk])
    page = client.get(url + "?lang=th")
    assert h1_count(page) == 1
    assert "แสงสว่าง" in page.content.decode()

    response = client.post(url, {"audit_date": "2025-03-01"})

    html = response.content.decode()
    assert "This question requires an answer." in html
    assert ToolVersion.objects.count() == 3


def test_pages_have_no_inline_scripts_or_styles(client, bangkok_audit, generic_audit):
    urls = [
        reverse("toolkit:tools"),
        reverse("toolkit:tool", args=[AUDIT]),
        bangkok_audit.get_absolute_url(),
        reverse("toolkit:version_preview", args=[AUDIT, generic_audit.pk]),
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert " style=" not in html, url


def make_resource(title, status):
    from django.utils import timezone

    from safercities.library.models import Resource

    return Resource.objects.create(
        title=title,
        language="en",
        resource_type="guide",
        status=status,
        published_at=timezone.now() if status == "published" else None,
    )


def test_editors_link_published_resources_shown_on_the_tool_page(client_for, audit, editor, member):
    guide = make_resource("How to run a safety walk", "published")
    make_resource("Unfinished draft guide", "draft")
    url = reverse("toolkit:tool_resources", args=[AUDIT])
    assert client_for(member).get(url).status_code == 403
    page = client_for(editor).get(url)
    assert page.status_code == 200 and h1_count(page) == 1
    assert "Unfinished draft guide" not in page.content.decode()

    response = client_for(editor).post(url, {"resources": [guide.pk]})

    assert response.status_code == 302
    assert list(audit.resources.all()) == [guide]
    html = client_for(None).get(reverse("toolkit:tool", args=[AUDIT])).content.decode()
    assert "How to run a safety walk" in html
    assert client_for(editor).post(url, {}).status_code == 302
    assert not audit.resources.exists()


def test_translation_override_leaves_labels_in_english_by_default(audit):
    with translation.override("en"):
        assert audit.title == generic_instrument(AUDIT).title_for("en")


def test_the_city_section_lists_the_citys_published_versions(
    rf, bangkok_audit, team_a, city_a, city_b
):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    from safercities.toolkit.city_sections import tool_versions_section

    second = services.start_version(team_a, bangkok_audit.tool, city_a, based_on=bangkok_audit)
    request = rf.get("/")
    request.user = AnonymousUser()

    public = tool_versions_section(request, city_a)
    request.user = team_a
    own = tool_versions_section(request, city_a)

    assert public.context["versions"] == [bangkok_audit]
    assert own.context["versions"] == [second, bangkok_audit]
    assert tool_versions_section(request, city_b) is None
    html = render_to_string(public.template, {"section": public})
    assert bangkok_audit.get_absolute_url() in html
