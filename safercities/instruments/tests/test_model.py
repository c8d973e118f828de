import json
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from safercities.instruments.converters import GeoPoint
from safercities.instruments.generic import generic_instruments
from safercities.instruments.model import (
    Instrument,
    InstrumentError,
    Question,
    pick_label,
    validate_answers,
)
from safercities.instruments.validation import AnswerValidator

from .helpers import clone, walk_instrument

REQUIRED = "This question requires an answer."
CHOICE = "Select a valid choice."
CONSTRAINT = "The answer is not allowed by the question's constraint."


def problems_of(data):
    with pytest.raises(InstrumentError) as caught:
        Instrument.from_dict(data)
    return caught.value.problems


def test_every_generic_tool_survives_a_json_round_trip_unchanged():
    for instrument in generic_instruments():
        data = json.loads(json.dumps(instrument.to_dict(), ensure_ascii=False))

        assert Instrument.from_dict(data) == instrument
        assert Instrument.from_dict(data).to_dict() == data


def test_from_dict_lists_every_problem_at_once():
    data = walk_instrument().to_dict()
    data["questions"][2]["name"] = "lighting"  # duplicate
    data["questions"][4]["choice_list"] = "missing_list"
    data["questions"][6]["name"] = "2comments"
    data["questions"][0]["relevant"] = "${ghost} = 'yes'"

    problems = problems_of(data)

    assert "Question 'lighting': duplicate question name." in problems
    assert "Question 'problems': unknown choice list 'missing_list'." in problems
    assert "Question '2comments': the name is not a valid XML name." in problems
    assert (
        "Question 'walk_date' relevant: refers to ${ghost}, which is not an earlier question."
        in problems
    )


def test_from_dict_reports_unknown_keys_and_wrong_types():
    data = walk_instrument().to_dict()
    data["colour"] = "blue"
    data["questions"][0]["required"] = "yes"
    data["questions"][1]["label"] = "Lighting"

    problems = problems_of(data)

    assert "Instrument: unknown key 'colour'." in problems
    assert "Question 'walk_date': required must be true or false." in problems
    assert "Question 'lighting' label: expected an object." in problems


def test_relevance_may_only_refer_to_earlier_questions_and_never_to_itself():
    instrument = walk_instrument()
    instrument.question("walk_date").relevant = "${comments} != ''"
    instrument.question("comments").relevant = "${comments} = 'x'"
    instrument.question("lighting").relevant = ". = 'x'"

    problems = instrument.problems()

    assert any("walk_date' relevant: refers to ${comments}" in p for p in problems)
    assert "Question 'comments' relevant: refers to the question itself." in problems
    assert "Question 'lighting' relevant: '.' can only be used in constraints." in problems


def test_unparseable_expressions_are_reported_with_their_position():
    instrument = walk_instrument()
    instrument.question("people_count").constraint = ". >= 0 and"

    (problem,) = instrument.problems()

    assert problem.startswith("Question 'people_count' constraint: Syntax error at position 11")


def test_structural_rules_for_groups_names_and_scores_are_enforced():
    instrument = walk_instrument()
    instrument.question("people_count").group = None  # splits grp_audit in two
    instrument.questions.append(Question("_secret", "text", {"en": "Secret"}))
    instrument.questions.append(Question("weight", "decimal", {"en": "Weight"}))
    instrument.question("people_count").score_parameter = "people"
    instrument.choice_lists["problem"][0].name = "very dark"

    problems = instrument.problems()

    assert "Question 'location': questions of group 'grp_audit' must be consecutive." in problems
    assert "Question '_secret': the name is reserved for export metadata." in problems
    assert "Question 'weight': the name is reserved for export metadata." in problems
    assert (
        "Question 'people_count': only select_one questions can carry a score parameter."
        in problems
    )
    assert "Choice problem.very dark: a choice name must be non-empty without spaces." in problems


def test_a_label_in_the_default_language_is_required_and_others_must_be_declared():
    instrument = walk_instrument()
    instrument.question("comments").label = {"th": "ความคิดเห็น", "lo": "ຄຳເຫັນ"}

    problems = instrument.problems()

    assert "Question 'comments': translation in undeclared language 'lo'." in problems
    assert "Question 'comments': missing text in the default language." in problems


def test_labels_fall_back_from_region_to_language_to_the_default_language():
    instrument = walk_instrument()
    lighting = instrument.question("lighting")

    assert lighting.label_for("th") == "แสงสว่าง"
    assert lighting.label_for("th-TH") == "แสงสว่าง"
    assert instrument.label_for(lighting, "km") == "Lighting"
    assert instrument.title_for("zh-Hans-CN") == "Test walk"
    assert pick_label({"zh-hans": "照明", "en": "Lighting"}, "zh-Hans-CN") == "照明"
    assert pick_label({}, "th") == ""


def test_answers_are_converted_to_typed_values():
    clean, errors = validate_answers(
        walk_instrument(),
        {
            "walk_date": "2024-03-05",
            "lighting": " bright ",
            "people_count": " 12 ",
            "location": "13.75 100.5 3 4.5",
            "problems": "dark harassment dark",
            "comments": "  Lane needs a lamp  ",
            "not_a_question": "ignored",
        },
    )

    assert errors == {}
    assert clean == {
        "walk_date": date(2024, 3, 5),
        "lighting": "bright",
        "people_count": 12,
        "location": GeoPoint(13.75, 100.5, 3.0, 4.5),
        "problems": ["dark", "harassment"],
        "comments": "Lane needs a lamp",
    }


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("walk_date", "2024-02-30", "Enter a valid date (YYYY-MM-DD)."),
        ("walk_date", "05/03/2024", "Enter a valid date (YYYY-MM-DD)."),
        ("people_count", "1.5", "Enter a whole number."),
        ("people_count", "1_000", "Enter a whole number."),
        ("people_count", "600", CONSTRAINT),
        ("lighting", "dim", CHOICE),
        ("problems", "dark flooding", CHOICE),
        ("problems", "none dark", CONSTRAINT),
        (
            "location",
            "13.7",
            "Enter a location as latitude and longitude, optionally altitude and accuracy.",
        ),
        (
            "location",
            "13.7 100 abc",
            "Enter a location as latitude and longitude, optionally altitude and accuracy.",
        ),
        ("location", "91 100", "Latitude must be between -90 and 90."),
        ("location", "13 181", "Longitude must be between -180 and 180."),
        ("location", "13 100 0 -1", "Location accuracy cannot be negative."),
        (
            "location",
            "nan 100",
            "Enter a location as latitude and longitude, optionally altitude and accuracy.",
        ),
    ],
)
def test_bad_answers_get_a_stable_message_keyed_by_question(name, raw, message):
    answers = {"walk_date": "2024-03-05", "lighting": "poor", "location": "13 100", name: raw}

    clean, errors = validate_answers(walk_instrument(), answers)

    assert errors == {name: message}
    assert name not in clean


def test_a_required_question_is_required_only_when_it_is_relevant():
    base = {"walk_date": "2024-03-05", "lighting": "poor", "location": "13 100"}
    validator = AnswerValidator(walk_instrument())

    assert validator.validate({**base, "problems": "dark"})[1] == {}
    assert validator.validate({**base, "problems": "dark other"})[1] == {"problems_other": REQUIRED}
    clean, errors = validator.validate({**base, "problems": "dark", "problems_other": "dogs"})
    assert errors == {} and "problems_other" not in clean


def test_missing_required_answers_are_reported_and_blank_optional_ones_are_omitted():
    clean, errors = validate_answers(walk_instrument(), {"people_count": "  ", "lighting": ""})

    assert errors == {"walk_date": REQUIRED, "lighting": REQUIRED, "location": REQUIRED}
    assert clean == {}


def test_an_invalid_answer_counts_as_unanswered_for_later_relevance():
    answers = {"walk_date": "2024-03-05", "lighting": "poor", "location": "13 100"}
    answers |= {"problems": "other flooding", "problems_other": ""}

    clean, errors = validate_answers(walk_instrument(), answers)

    assert errors == {"problems": CHOICE}


def test_time_datetime_decimal_and_image_answers_are_converted():
    instrument = clone(walk_instrument())
    instrument.questions += [
        Question("start_time", "time", {"en": "Start"}),
        Question("seen_at", "datetime", {"en": "Seen at"}),
        Question("distance", "decimal", {"en": "Distance"}, constraint=". > 0"),
        Question("photo", "image", {"en": "Photo"}),
        Question("intro", "note", {"en": "Read this"}),
    ]
    base = {"walk_date": "2024-03-05", "lighting": "poor", "location": "13 100"}

    clean, errors = validate_answers(
        instrument,
        {
            **base,
            "start_time": "18:30:00.000+07:00",
            "seen_at": "2024-03-05T18:30:00Z",
            "distance": "12.5",
            "photo": "1709634000123.jpg",
            "intro": "notes take no answer",
        },
    )

    assert errors == {}
    assert clean["start_time"] == time(18, 30, tzinfo=timezone(timedelta(hours=7)))
    assert clean["seen_at"] == datetime(2024, 3, 5, 18, 30, tzinfo=UTC)
    assert clean["distance"] == 12.5
    assert clean["photo"] == "1709634000123.jpg"
    assert "intro" not in clean
    bad = validate_answers(instrument, {**base, "distance": "inf", "seen_at": "soon"})[1]
    assert bad == {"distance": "Enter a number.", "seen_at": "Enter a valid date and time."}


def test_spreadsheet_cell_types_are_accepted():
    clean, errors = validate_answers(
        walk_instrument(),
        {
            "walk_date": datetime(2024, 3, 5, 0, 0),
            "lighting": "poor",
            "people_count": 7.0,
            "location": [13.7, 100.5],
            "problems": ["dark"],
        },
    )

    assert errors == {}
    assert clean["walk_date"] == date(2024, 3, 5)
    assert clean["people_count"] == 7
    assert clean["location"] == GeoPoint(13.7, 100.5)
    assert validate_answers(walk_instrument(), {"people_count": True})[1]["people_count"] == (
        "Enter a whole number."
    )


def test_a_validator_refuses_an_invalid_instrument():
    instrument = walk_instrument()
    instrument.question("lighting").choice_list = "nope"

    with pytest.raises(InstrumentError, match="unknown choice list 'nope'"):
        AnswerValidator(instrument)
