import shutil

import pytest

from safercities.instruments.generic import (
    GENERIC_SLUGS,
    LANGUAGES,
    LOCALE_DIR,
    generic_instrument,
    generic_instruments,
    translation_report,
    update_catalogs,
)
from safercities.instruments.generic._catalog import read_po
from safercities.instruments.generic.safety_audit import PARAMETERS
from safercities.instruments.model import validate_answers

CONSTRAINT = "The answer is not allowed by the question's constraint."
REQUIRED = "This question requires an answer."


def core_names(instrument):
    return {question.name for question in instrument.core_questions}


def test_the_three_generic_tools_have_the_agreed_slugs():
    assert GENERIC_SLUGS == ("womens-safety-audit", "victimization-survey", "incident-report")
    with pytest.raises(KeyError, match="No generic tool 'nope'"):
        generic_instrument("nope")


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_every_shipped_language_is_completely_translated_and_up_to_date(lang):
    assert translation_report(lang) == {"missing": [], "stale": [], "unused": []}


def test_every_generic_tool_is_valid_and_declares_all_hub_languages():
    for instrument in generic_instruments():
        assert instrument.problems() == []
        assert instrument.languages == list(LANGUAGES)
        for lang in LANGUAGES:
            assert instrument.description.get(lang)
            assert instrument.guidance.get(lang)
            assert all(question.label.get(lang) for question in instrument.questions)


def test_each_call_returns_an_independent_instrument():
    first = generic_instrument("incident-report")
    first.question("category").label["en"] = "Changed"

    assert generic_instrument("incident-report").question("category").label["en"] == (
        "What are you reporting?"
    )


def test_the_safety_audit_rates_nine_parameters_from_zero_to_three():
    audit = generic_instrument("womens-safety-audit")

    assert core_names(audit) == {*PARAMETERS, "location", "time_of_day"}
    assert audit.scoring["parameters"] == list(PARAMETERS)
    for name in PARAMETERS:
        question = audit.question(name)
        assert (question.type, question.score_parameter, question.required) == (
            "select_one",
            name,
            True,
        )
        assert [choice.score for choice in audit.choices_for(question)] == [0, 1, 2, 3]
    people = [c.label["en"] for c in audit.choices_for(audit.question("people"))]
    assert people == ["Deserted", "Few people", "Some crowd", "Crowded"]
    feeling = [c.name for c in audit.choices_for(audit.question("feeling"))]
    assert feeling == ["frightening", "uncomfortable", "acceptable", "comfortable"]
    assert audit.question("location").type == "geopoint" and audit.question("location").required
    assert audit.question("photo").type == "image"
    assert audit.choice_lists["time_of_day"][2].label["th"] == "หลังมืดค่ำ"


def test_the_victimization_survey_has_its_core_profile_screeners_and_fear_question():
    survey = generic_instrument("victimization-survey")
    screeners = ["theft_personal", "burglary", "robbery", "assault_threat", "sexual_offence"]

    assert core_names(survey) == {
        "sex",
        "age_band",
        "settlement_type",
        "fear_after_dark",
        *screeners,
    }
    assert "weight" not in {question.name for question in survey.questions}
    fear = [c.name for c in survey.choices_for(survey.question("fear_after_dark"))]
    assert fear == ["very_safe", "fairly_safe", "bit_unsafe", "very_unsafe"]
    assert [c.score for c in survey.choice_lists["trust"]] == [1, 2, 3, 4]
    assert survey.question("incident_why_not").type == "select_multiple"
    assert survey.group("incidents").repeat
    assert [q.name for q in survey.repeat_questions("incidents")] == [
        "incident_crime", "incident_where", "incident_reported", "incident_why_not"
    ]  # fmt: skip


def _respondent(**answers):
    base = {
        "sex": "female",
        "age_band": "age_25_34",
        "household_size": "4",
        "settlement_type": "informal",
        "fear_after_dark": "bit_unsafe",
        "dv_consent": "no",
    }
    base |= dict.fromkeys(
        ("theft_personal", "burglary", "robbery", "assault_threat", "sexual_offence"), "no"
    )
    return base | answers


def test_the_follow_up_is_asked_per_incident_and_reasons_only_when_not_reported():
    survey = generic_instrument("victimization-survey")
    theft = {"incident_crime": "theft_personal", "incident_where": "market"}

    clean, errors = validate_answers(
        survey,
        _respondent(
            theft_personal="yes",
            burglary="yes",
            incidents=[
                {**theft, "incident_reported": "no", "incident_why_not": "fear_police too_far"},
                {**theft, "incident_reported": "yes", "incident_why_not": "too_far"},
                {"incident_crime": "burglary", "incident_reported": "yes"},
            ],
        ),
    )
    assert errors == {}
    first, second, third = clean["incidents"]
    assert first["incident_why_not"] == ["fear_police", "too_far"]
    assert "incident_why_not" not in second
    assert "incident_where" not in third  # a break-in happens at home

    _, errors = validate_answers(
        survey, _respondent(robbery="yes", incidents=[{"incident_crime": "robbery"}])
    )
    assert errors == {
        "incidents[1]/incident_where": REQUIRED,
        "incidents[1]/incident_reported": REQUIRED,
    }


def test_an_incident_must_be_a_crime_the_respondent_said_happened():
    survey = generic_instrument("victimization-survey")
    _, errors = validate_answers(
        survey,
        _respondent(incidents=[{"incident_crime": "burglary", "incident_reported": "no"}]),
    )
    assert errors["incidents[1]/incident_crime"] == CONSTRAINT


def test_the_domestic_violence_module_depends_on_consent():
    survey = generic_instrument("victimization-survey")

    clean, errors = validate_answers(survey, _respondent(dv_experienced="yes"))
    assert errors == {} and "dv_experienced" not in clean

    _, errors = validate_answers(survey, _respondent(dv_consent="yes"))
    assert errors == {"dv_experienced": REQUIRED}

    _, errors = validate_answers(
        survey, _respondent(dv_consent="yes", dv_experienced="yes", dv_help="nobody police")
    )
    assert errors == {"dv_help": "The answer is not allowed by the question's constraint."}


def test_incident_reports_are_anonymous_unless_the_reporter_opts_in():
    report = generic_instrument("incident-report")
    answers = {
        "category": "poor_lighting",
        "occurred_at": "2024-03-05T20:15:00+07:00",
        "location": "13.74 100.52",
        "contact": "0812345678",
    }

    assert report.question("contact_ok").default == "no"
    assert report.question("contact").relevant == "${contact_ok} = 'yes'"
    clean, errors = validate_answers(report, answers)
    assert errors == {} and "contact" not in clean
    clean, errors = validate_answers(report, answers | {"contact_ok": "yes"})
    assert clean["contact"] == "0812345678"
    _, errors = validate_answers(report, answers | {"contact_ok": "yes", "contact": ""})
    assert errors == {"contact": REQUIRED}
    categories = [c.name for c in report.choice_lists["incident_category"]]
    assert categories == [
        "harassment",
        "theft",
        "assault",
        "unsafe_place",
        "poor_lighting",
        "other",
    ]
    assert core_names(report) == {"category", "occurred_at", "location"}


def test_updating_catalogs_keeps_translations_and_marks_changed_sources_fuzzy(tmp_path):
    for path in LOCALE_DIR.glob("*.po"):
        shutil.copy(path, tmp_path / path.name)
    stale = tmp_path / "th.po"
    stale.write_text(
        stale.read_text(encoding="utf-8").replace('msgid "Lighting"', 'msgid "Street lighting"'),
        encoding="utf-8",
    )

    update_catalogs(tmp_path)

    for lang in ("id", "vi", "km", "zh-hans"):
        assert (tmp_path / f"{lang}.po").read_bytes() == (LOCALE_DIR / f"{lang}.po").read_bytes()
    entry = read_po(stale)["womens-safety-audit|q:lighting"]
    assert (entry.msgid, entry.msgstr, entry.fuzzy) == ("Lighting", "แสงสว่าง", True)


def test_po_reader_joins_continuation_lines_and_unescapes(tmp_path):
    path = tmp_path / "xx.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: xx\\n"\n\n'
        "# translator comment\n"
        'msgctxt "tool|q:a"\nmsgid ""\n"Say \\"hi\\"\\n"\n"twice"\nmsgstr "x\\ty"\n',
        encoding="utf-8",
    )

    entry = read_po(path)["tool|q:a"]

    assert (entry.msgid, entry.msgstr, entry.fuzzy) == ('Say "hi"\ntwice', "x\ty", False)
