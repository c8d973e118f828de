"""Localization pages: who may adapt, and the draft editing forms with their errors."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from safercities.toolkit import services
from safercities.toolkit.models import ToolVersion

from .conftest import AUDIT


def url(name, version, *args):
    return reverse(f"toolkit:{name}", args=[version.tool.slug, version.pk, *args])


def errors(response) -> list[str]:
    return re.findall(r'<p class="error"[^>]*>(.*?)</p>', response.content.decode(), re.S)


def question_data(version, name, **changes):
    """The question form's data for ``name`` as it is, with ``changes``."""
    instrument = version.instrument()
    question = instrument.question(name)
    data = {"type": question.type, "relevant": question.relevant or "", "constraint": ""}
    if question.required:
        data["required"] = "on"
    for lang in instrument.languages:
        data[f"label_{lang}"] = question.label.get(lang, "")
        data[f"hint_{lang}"] = question.hint.get(lang, "")
        for index, choice in enumerate(instrument.choices_for(question)):
            data[f"choice_{index}_{lang}"] = choice.label.get(lang, "")
    data.update(changes)
    return data


# --- who may adapt ------------------------------------------------------------------------


def test_a_city_team_member_adapts_the_tool_for_their_city(client_for, audit, team_a, city_a):
    client = client_for(team_a)
    page = client.get(reverse("toolkit:version_start", args=[AUDIT]))
    assert page.status_code == 200
    generic = ToolVersion.objects.generic(AUDIT)

    response = client.post(
        reverse("toolkit:version_start", args=[AUDIT]),
        {"city": city_a.pk, "based_on": generic.pk, "languages": ["en", "th"]},
    )

    version = ToolVersion.objects.get(city=city_a)
    assert response.status_code == 302 and response["Location"] == url("version_edit", version)
    assert (version.number, version.languages, version.created_by) == (1, ["en", "th"], team_a)
    assert not version.published


def test_another_citys_team_cannot_adapt_for_city_a(client_for, audit, team_b, city_a):
    generic = ToolVersion.objects.generic(AUDIT)
    response = client_for(team_b).post(
        reverse("toolkit:version_start", args=[AUDIT]),
        {"city": city_a.pk, "based_on": generic.pk, "languages": ["en"]},
    )
    assert response.status_code == 200  # city_a is not among their choices
    assert "city" in response.context["form"].errors
    assert not ToolVersion.objects.filter(city=city_a).exists()


def test_members_without_a_team_are_refused_and_visitors_sent_to_log_in(client_for, audit, member):
    start = reverse("toolkit:version_start", args=[AUDIT])
    assert client_for(member).get(start).status_code == 403
    response = client_for(None).get(start)
    assert response.status_code == 302 and "login" in response["Location"]


def test_only_the_city_team_opens_the_draft_pages(
    client_for, draft, team_a, team_b, member, editor
):
    pages = [
        url("version_edit", draft),
        url("question_edit", draft, "lighting"),
        url("question_remove", draft, "comments"),
        url("question_add", draft),
        url("translate", draft, "th"),
    ]
    for page in pages:
        assert client_for(team_a).get(page).status_code == 200, page
        assert client_for(team_b).get(page).status_code == 404, page
        assert client_for(member).get(page).status_code == 404, page
        assert client_for(None).get(page).status_code == 404, page


def test_a_published_version_is_not_edited_even_by_its_team(client_for, draft, team_a):
    services.publish_version(team_a, draft)
    assert client_for(team_a).get(url("version_edit", draft)).status_code == 403
    response = client_for(team_a).post(url("question_remove", draft, "comments"), {"reason": "x"})
    assert response.status_code == 403


def test_the_generic_version_cannot_be_edited(client_for, generic_audit, site_admin):
    assert client_for(site_admin).get(url("version_edit", generic_audit)).status_code == 403


def test_the_draft_page_lists_questions_with_edit_links_and_one_h1(client_for, draft, team_a):
    response = client_for(team_a).get(url("version_edit", draft))
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert url("question_edit", draft, "lighting") in html
    assert url("question_remove", draft, "comments") in html
    assert url("question_remove", draft, "lighting") not in html  # core: no remove link


# --- editing with errors shown ---------------------------------------------------------------


def test_removing_a_core_question_shows_the_error(client_for, draft, team_a):
    response = client_for(team_a).post(url("question_remove", draft, "lighting"), {"reason": "x"})
    assert response.status_code == 200
    assert any("lighting" in error and "cannot be removed" in error for error in errors(response))


def test_changing_the_type_of_a_core_question_shows_the_error(client_for, draft, team_a):
    data = question_data(draft, "lighting", type="text", reason="Free text is easier.")
    response = client_for(team_a).post(url("question_edit", draft, "lighting"), data)
    assert response.status_code == 200
    assert any("cannot change its type" in error for error in errors(response))
    assert draft.instrument().question("lighting").type == "select_one"


def test_rewording_without_a_reason_shows_the_error_on_the_reason_field(client_for, draft, team_a):
    data = question_data(draft, "comments", label_en="Other remarks")
    response = client_for(team_a).post(url("question_edit", draft, "comments"), data)
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors

    data["reason"] = "Shorter."
    saved = client_for(team_a).post(url("question_edit", draft, "comments"), data)

    assert saved.status_code == 302
    draft.refresh_from_db()
    assert draft.instrument().question("comments").label["en"] == "Other remarks"
    assert draft.change_reasons == {"comments": "Shorter."}


def test_a_question_is_added_through_the_form(client_for, draft, team_a):
    data = {
        "name": "cctv_visible",
        "label_en": "Is there a CCTV camera visible?",
        "label_th": "มองเห็นกล้องวงจรปิดหรือไม่",
        "type": "select_one",
        "after": "security",
        "choices": "yes = Yes\nno = No",
        "reason": "Cameras are being installed.",
    }
    response = client_for(team_a).post(url("question_add", draft), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    question = draft.instrument().question("cctv_visible")
    assert question.label["th"] == "มองเห็นกล้องวงจรปิดหรือไม่"
    assert [c.name for c in draft.instrument().choices_for(question)] == ["yes", "no"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reason": ""}, "reason"),
        ({"choices": ""}, "choices"),
        ({"choices": "just a label"}, "choices"),
        ({"name": "lighting"}, "name"),
        ({"name": "2 bad"}, "name"),
    ],
)
def test_adding_a_question_explains_what_is_missing(client_for, draft, team_a, changes, field):
    data = {
        "name": "cctv_visible",
        "label_en": "Is there a CCTV camera visible?",
        "type": "select_one",
        "after": "security",
        "choices": "yes = Yes",
        "reason": "Cameras.",
        **changes,
    }
    response = client_for(team_a).post(url("question_add", draft), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_choices_are_relabelled_added_and_removed_with_a_reason(client_for, draft, team_a):
    data = question_data(
        draft,
        "walk_group",
        choice_0_en="Women only (residents)",
        new_choices="students = Students",
        reason="Local groups.",
    )
    response = client_for(team_a).post(url("question_edit", draft, "walk_group"), data)
    assert response.status_code == 302, errors(response)
    draft.refresh_from_db()
    instrument = draft.instrument()
    choices = instrument.choices_for(instrument.question("walk_group"))
    assert choices[0].label["en"] == "Women only (residents)"
    assert choices[-1].name == "students"
    assert draft.change_reasons[f"walk_group/{choices[0].name}"] == "Local groups."


def test_a_language_is_added_then_translated_on_its_page(client_for, draft, team_a):
    client = client_for(team_a)
    response = client.post(url("language_add", draft), {"language": "lo"})
    assert response.status_code == 302 and response["Location"] == url("translate", draft, "lo")
    page = client.get(response["Location"])
    form = page.context["form"]
    data = dict.fromkeys(form.fields, "")
    data["question__lighting__label"] = "ແສງສະຫວ່າງ"

    saved = client.post(url("translate", draft, "lo"), data)

    assert saved.status_code == 302
    draft.refresh_from_db()
    assert draft.languages == ["en", "th", "lo"]
    assert draft.instrument().question("lighting").label["lo"] == "ແສງສະຫວ່າງ"


def test_publishing_from_the_version_page(client_for, draft, team_a):
    page = client_for(team_a).get(draft.get_absolute_url())
    assert url("version_publish", draft) in page.content.decode()

    response = client_for(team_a).post(url("version_publish", draft))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.published


def test_the_version_page_lists_what_blocks_publishing(client_for, draft, team_a):
    instrument = services.editable_copy(draft)
    instrument.question("comments").label["en"] = "Remarks"
    draft.definition = instrument.to_dict()
    draft.save()

    html = client_for(team_a).get(draft.get_absolute_url()).content.decode()

    assert "cannot be published yet" in html and "comments" in html
    assert url("version_publish", draft) not in html


def test_a_draft_can_be_deleted_by_its_team(client_for, draft, team_a):
    response = client_for(team_a).post(url("version_delete", draft))
    assert response.status_code == 302
    assert not ToolVersion.objects.filter(pk=draft.pk).exists()


def test_a_relevance_nested_400_deep_is_a_translated_form_error_not_a_500(
    client_for, draft, team_a
):
    deep = "(" * 400 + "${time_of_day} = 'day'" + ")" * 400
    data = question_data(draft, "comments", relevant=deep, reason="Only by day.")
    client = client_for(team_a)
    response = client.post(url("question_edit", draft, "comments"), data)
    assert response.status_code == 200
    assert any("nests more than 32 levels" in error for error in errors(response))
    client.cookies["safercities_language"] = "th"
    try:
        response = client.post(url("question_edit", draft, "comments"), data)
    finally:
        translation.activate("en")  # the request leaves Thai active in this thread
    assert response.status_code == 200
    assert not any("nests more than" in error for error in errors(response))
    assert any("32" in error for error in errors(response))
    assert draft.instrument().question("comments").relevant is None
