"""The localization rules: core questions stay, every change has a reason, drafts only."""

import pytest

from safercities.instruments.model import Instrument
from safercities.toolkit import localization, services
from safercities.toolkit.localization import parse_choice_lines
from safercities.toolkit.models import ToolVersion, VersionLocked
from safercities.toolkit.services import EditRefused, QuestionEdit

from .conftest import AUDIT


def edit_of(version, name, **changes) -> QuestionEdit:
    question = version.instrument().question(name)
    choices = version.instrument().choices_for(question)
    edit = QuestionEdit(
        type=question.type,
        labels=dict(question.label),
        hints=dict(question.hint),
        required=question.required,
        relevant=question.relevant,
        constraint=question.constraint,
        choice_labels={c.name: dict(c.label) for c in choices},
    )
    for key, value in changes.items():
        setattr(edit, key, value)
    return edit


def test_a_new_draft_copies_the_generic_tool_in_the_chosen_languages(draft, generic_audit):
    assert draft.languages == ["en", "th"]
    assert not draft.published and draft.is_editable
    instrument = draft.instrument()
    assert instrument.question("lighting").label == {
        lang: text
        for lang, text in generic_audit.instrument().question("lighting").label.items()
        if lang in ("en", "th")
    }
    assert draft.based_on == generic_audit


def test_adding_a_question_needs_a_reason(draft, team_a):
    with pytest.raises(EditRefused) as refused:
        services.add_question(
            team_a,
            draft,
            name="cctv_visible",
            type="select_one",
            labels={"en": "Is there a CCTV camera visible?"},
            after="security",
            choices=[("yes", "Yes"), ("no", "No")],
        )
    assert "reason" in refused.value.errors
    assert "cctv_visible" not in {q.name for q in draft.instrument().questions}


def test_an_added_question_is_stored_with_its_reason_in_its_neighbours_group(draft, team_a):
    services.add_question(
        team_a,
        draft,
        name="cctv_visible",
        type="select_one",
        labels={"en": "Is there a CCTV camera visible?", "th": "มองเห็นกล้องวงจรปิดหรือไม่"},
        after="security",
        choices=[("yes", "Yes"), ("no", "No")],
        reason="New cameras along the canal.",
    )

    stored = ToolVersion.objects.get(pk=draft.pk)
    instrument = stored.instrument()
    names = [q.name for q in instrument.questions]
    assert names[names.index("security") + 1] == "cctv_visible"
    question = instrument.question("cctv_visible")
    assert question.group == "ratings"
    assert [c.name for c in instrument.choices_for(question)] == ["yes", "no"]
    assert stored.change_reasons["cctv_visible"] == "New cameras along the canal."
    assert list(stored.change_reasons) == ["cctv_visible"]  # its choices come with it


def test_a_core_question_cannot_be_removed(draft, team_a):
    with pytest.raises(EditRefused) as refused:
        services.remove_question(team_a, draft, "lighting", reason="We have no lights.")
    assert any(
        "lighting" in message and "core" in message.lower() for message in refused.value.messages
    )
    assert "lighting" in {
        q.name for q in ToolVersion.objects.get(pk=draft.pk).instrument().questions
    }


def test_a_core_question_cannot_change_type(draft, team_a):
    with pytest.raises(EditRefused) as refused:
        services.update_question(
            team_a, draft, "lighting", edit_of(draft, "lighting", type="text"), reason="Simpler."
        )
    assert any("cannot change its type" in message for message in refused.value.messages)


def test_a_core_question_may_be_reworded_with_a_reason(draft, team_a):
    labels = {"en": "Walk path (footpath or soi)", "th": "ทางเดิน (ทางเท้าหรือซอย)"}
    edit = edit_of(draft, "walk_path", labels=labels)

    with pytest.raises(EditRefused):
        services.update_question(team_a, draft, "walk_path", edit)
    services.update_question(team_a, draft, "walk_path", edit, reason="People walk in sois.")

    stored = ToolVersion.objects.get(pk=draft.pk)
    assert stored.instrument().question("walk_path").label == labels
    assert stored.change_reasons == {"walk_path": "People walk in sois."}


def test_a_later_edit_of_a_question_keeps_its_earlier_reason(draft, team_a):
    edit = edit_of(draft, "comments", labels={"en": "Other remarks", "th": "ข้อสังเกตอื่น ๆ"})
    services.update_question(team_a, draft, "comments", edit, reason="Clearer.")
    again = edit_of(draft, "comments", labels={"en": "Any other remarks", "th": "ข้อสังเกตอื่น ๆ"})

    services.update_question(team_a, draft, "comments", again)

    assert draft.change_reasons["comments"] == "Clearer."


def test_undoing_a_change_drops_its_reason(draft, team_a, generic_audit):
    original = generic_audit.instrument().question("comments").label
    services.update_question(
        team_a, draft, "comments", edit_of(draft, "comments", labels={"en": "Remarks"}), reason="x"
    )
    services.update_question(
        team_a, draft, "comments", edit_of(draft, "comments", labels={"en": original["en"]})
    )
    assert "comments" not in draft.change_reasons


def test_removing_a_choice_of_a_core_question_is_refused(draft, team_a):
    edit = edit_of(draft, "people", removed_choices=["crowded"])
    with pytest.raises(EditRefused) as refused:
        services.update_question(team_a, draft, "people", edit, reason="Never crowded here.")
    assert any("crowded" in message for message in refused.value.messages)


def test_an_optional_question_may_be_removed_with_a_reason(draft, team_a):
    with pytest.raises(EditRefused):
        services.remove_question(team_a, draft, "spot_description", reason="  ")
    services.remove_question(team_a, draft, "spot_description", reason="The map shows the spot.")
    assert "spot_description" not in {q.name for q in draft.instrument().questions}
    assert draft.change_reasons["spot_description"] == "The map shows the spot."


def test_an_invalid_definition_is_refused_with_the_problem(draft, team_a):
    edit = edit_of(draft, "comments", relevant="${nonexistent} = 'x'")
    with pytest.raises(EditRefused) as refused:
        services.update_question(team_a, draft, "comments", edit, reason="test")
    assert any("nonexistent" in message for message in refused.value.messages)


def test_adding_a_language_then_translating_needs_no_reason(draft, team_a):
    services.add_language(team_a, draft, "lo")
    services.save_translations(
        team_a, draft, "lo", {"question:lighting:label": "ແສງສະຫວ່າງ", "title": "ການກວດ"}
    )

    stored = ToolVersion.objects.get(pk=draft.pk)
    assert stored.languages == ["en", "th", "lo"]
    assert stored.instrument().question("lighting").label["lo"] == "ແສງສະຫວ່າງ"
    assert stored.change_reasons == {}


def test_changing_an_existing_translation_is_rewording_and_needs_a_reason(draft, team_a):
    texts = {"question:lighting:label": "ความสว่าง"}
    with pytest.raises(EditRefused):
        services.save_translations(team_a, draft, "th", texts)
    services.save_translations(team_a, draft, "th", texts, reason="Local word.")
    assert draft.change_reasons == {"lighting": "Local word."}


def test_publishing_makes_the_draft_usable_and_read_only(draft, team_a):
    services.publish_version(team_a, draft)

    assert draft.published and draft.published_at
    assert draft in ToolVersion.objects.usable_in(draft.city)
    with pytest.raises(EditRefused):
        services.remove_question(team_a, draft, "comments", reason="late")


def test_editing_a_locked_version_raises(draft, team_a):
    services.publish_version(team_a, draft)
    services.lock_version(draft)
    with pytest.raises(VersionLocked):
        services.add_language(team_a, draft, "lo")


def test_publishing_is_refused_while_a_change_has_no_reason(draft, team_a):
    instrument = Instrument.from_dict(draft.definition)
    instrument.question("comments").label["en"] = "Remarks"
    draft.definition = instrument.to_dict()
    draft.save()  # bypassing the services, as a bad import might

    with pytest.raises(EditRefused) as refused:
        services.publish_version(team_a, draft)
    assert "comments" in refused.value.messages[0]
    assert not ToolVersion.objects.get(pk=draft.pk).published


def test_a_version_based_on_a_previous_city_version_keeps_its_reasons(draft, team_a, city_a):
    services.remove_question(team_a, draft, "spot_description", reason="Map shows it.")
    services.publish_version(team_a, draft)

    second = services.start_version(team_a, draft.tool, city_a, based_on=draft)

    assert second.number == 2
    assert "spot_description" not in {q.name for q in second.instrument().questions}
    assert second.change_reasons == {"spot_description": "Map shows it."}


def test_a_city_cannot_start_from_another_citys_version(draft, team_a, team_b, city_b):
    services.publish_version(team_a, draft)
    with pytest.raises(EditRefused):
        services.start_version(team_b, draft.tool, city_b, based_on=draft)


def test_choice_lines_are_parsed_and_bad_lines_named():
    assert parse_choice_lines("yes = Yes\n\nno=No, never") == [("yes", "Yes"), ("no", "No, never")]
    with pytest.raises(localization.ChoiceLineError) as error:
        parse_choice_lines("yes = Yes\njust a label")
    assert error.value.line == 2


def test_translations_and_hints_need_no_reason_but_rewording_does(generic_audit):
    generic = generic_audit.instrument()
    version = Instrument.from_dict(generic.to_dict())
    version.question("lighting").hint["en"] = "Look around."
    version.question("people").label["th"] = "จำนวนผู้คนรอบตัว"
    needed = localization.changes_needing_reasons(generic, version)
    assert list(needed) == ["people"]
    assert localization.missing_reasons(generic, version, {"people": "ok"}) == []


def test_every_audit_question_survives_a_round_trip_through_restrict_languages(generic_audit):
    instrument = Instrument.from_dict(generic_audit.definition)
    localization.restrict_languages(instrument, ["km"])
    assert instrument.languages == ["en", "km"]
    checked = Instrument.from_dict(instrument.to_dict())
    assert all(set(q.label) <= {"en", "km"} for q in checked.questions)
    assert checked.slug == AUDIT
