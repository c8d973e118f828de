"""Web forms built from instruments: fields, labels, and validation shared with imports."""

from datetime import date

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.utils import translation

from safercities.instruments import converters
from safercities.instruments.converters import GeoPoint
from safercities.instruments.generic import generic_instrument
from safercities.instruments.model import Question
from safercities.instruments.tests.helpers import walk_instrument
from safercities.toolkit.webform import MESSAGES, build_form, number_bounds

VALID = {
    "walk_date": "2025-03-01",
    "lighting": "poor",
    "people_count": "12",
    "location": "13.7563 100.5018",
    "problems": ["dark", "broken_path"],
    "comments": "",
}


def make(data=None, files=None, lang="en", instrument=None):
    form_class = build_form(instrument or walk_instrument(), lang)
    return form_class(data, files)


def test_each_question_type_gets_its_widget():
    form = make(instrument=generic_instrument("incident-report"))
    audit = make(instrument=generic_instrument("womens-safety-audit"))
    walk = make()

    assert isinstance(walk.fields["lighting"].widget, forms.RadioSelect)
    assert isinstance(walk.fields["problems"].widget, forms.CheckboxSelectMultiple)
    assert isinstance(walk.fields["people_count"].widget, forms.NumberInput)
    assert isinstance(walk.fields["comments"].widget, forms.Textarea)
    assert walk.fields["walk_date"].widget.input_type == "date"
    assert form.fields["occurred_at"].widget.input_type == "datetime-local"
    assert "data-geolocate" in walk.fields["location"].widget.attrs
    assert isinstance(audit.fields["photo"].widget, forms.ClearableFileInput)


def test_notes_have_no_input_but_appear_in_the_layout():
    instrument = generic_instrument("victimization-survey")
    notes = [q.name for q in instrument.questions if q.type == "note"]
    form = make(instrument=instrument)

    assert notes and not set(notes) & set(form.fields)
    items = [item for section in form.sections() for item in section.items]
    assert [item.question.name for item in items if item.is_note] == notes


def test_labels_hints_and_choices_are_in_the_respondents_language():
    form = make(lang="th")
    assert form.fields["lighting"].label == "แสงสว่าง"
    assert ("poor", "แสงน้อย") in form.fields["lighting"].choices
    sections = form.sections()
    assert [s.legend for s in sections] == ["", "การตรวจสอบ", ""]


def test_a_language_without_translation_falls_back_to_the_default():
    assert make(lang="km").fields["lighting"].label == "Lighting"
    assert make(lang="th_TH").fields["lighting"].label == "แสงสว่าง"


def test_valid_answers_are_converted_by_the_instruments_validator():
    form = make(VALID)
    assert form.is_valid(), form.errors
    assert form.answers == {
        "walk_date": date(2025, 3, 1),
        "lighting": "poor",
        "people_count": 12,
        "location": GeoPoint(13.7563, 100.5018),
        "problems": ["dark", "broken_path"],
    }
    assert form.json_answers()["walk_date"] == "2025-03-01"
    assert form.json_answers()["location"] == [13.7563, 100.5018, None, None]


def test_required_questions_get_an_error_next_to_their_field():
    form = make({"comments": "hello"})
    assert not form.is_valid()
    message = str(MESSAGES[converters.MSG_REQUIRED])
    assert form.errors["walk_date"] == [message]
    assert form.errors["lighting"] == [message]
    assert form.errors["location"] == [message]
    assert "comments" not in form.errors


def test_a_question_that_is_not_relevant_is_not_required_and_its_answer_dropped():
    without_other = make(VALID)
    assert without_other.is_valid()
    assert "problems_other" not in without_other.answers

    stray = make({**VALID, "problems_other": "left over"})
    assert stray.is_valid() and "problems_other" not in stray.answers

    with_other = make({**VALID, "problems": ["other"]})
    assert not with_other.is_valid()
    assert with_other.errors["problems_other"] == [str(MESSAGES[converters.MSG_REQUIRED])]


def test_constraint_and_type_errors_are_shown_per_field():
    form = make(
        {**VALID, "people_count": "900", "problems": ["none", "dark"], "walk_date": "01/03"}
    )
    assert not form.is_valid()
    assert form.errors["people_count"] == [str(MESSAGES[converters.MSG_CONSTRAINT])]
    assert form.errors["problems"] == [str(MESSAGES[converters.MSG_CONSTRAINT])]
    assert form.errors["walk_date"] == [str(MESSAGES[converters.MSG_DATE])]


def test_a_questions_own_constraint_message_is_used_in_the_respondents_language():
    instrument = walk_instrument()
    instrument.question("people_count").constraint_message = {"en": "0 to 500", "th": "0 ถึง 500"}
    form = make({**VALID, "people_count": "-1"}, lang="th", instrument=instrument)
    assert not form.is_valid()
    assert form.errors["people_count"] == ["0 ถึง 500"]


def test_an_unknown_choice_is_refused_by_the_validator():
    form = make({**VALID, "lighting": "blinding"})
    assert not form.is_valid()
    assert form.errors["lighting"] == [str(MESSAGES[converters.MSG_CHOICE])]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13.75 100.5", GeoPoint(13.75, 100.5)),
        (" 13.75   100.5  2.5 8 ", GeoPoint(13.75, 100.5, 2.5, 8.0)),
    ],
)
def test_geopoints_are_typed_as_latitude_and_longitude(raw, expected):
    form = make({**VALID, "location": raw})
    assert form.is_valid()
    assert form.answers["location"] == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("13.75", converters.MSG_GEOPOINT),
        ("13,75 100,5", converters.MSG_GEOPOINT),
        ("95 100", converters.MSG_LATITUDE),
        ("13 190", converters.MSG_LONGITUDE),
    ],
)
def test_bad_geopoints_get_a_clear_error(raw, message):
    form = make({**VALID, "location": raw})
    assert not form.is_valid()
    assert form.errors["location"] == [str(MESSAGES[message])]


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00"
    b"IEND\xaeB`\x82"
)


def test_photos_are_checked_by_their_content_not_their_name():
    instrument = generic_instrument("womens-safety-audit")
    form_class = build_form(instrument, "en")
    fake = SimpleUploadedFile("photo.jpg", b"this is not an image", content_type="image/jpeg")
    real = SimpleUploadedFile("spot.png", PNG, content_type="image/png")

    refused = form_class({}, {"photo": fake})
    accepted = form_class({}, {"photo": real})
    refused.is_valid()
    accepted.is_valid()

    assert "photo" in refused.errors
    assert "photo" not in accepted.errors
    assert accepted.fields["photo"].widget.attrs["accept"] == "image/*"


def test_an_uploaded_photo_is_handed_over_with_a_valid_submission():
    instrument = walk_instrument()
    instrument.questions.append(Question("photo", "image", {"en": "Photo", "th": "รูป"}))
    form = make(VALID, {"photo": SimpleUploadedFile("a.png", PNG)}, instrument=instrument)
    assert form.is_valid(), form.errors
    assert form.answers["photo"] == "photo.png"  # named by its content, not by the uploader
    assert form.uploads["photo"].read() == PNG


def test_simple_numeric_constraints_become_min_and_max():
    assert number_bounds(". >= 1 and . <= 30", integer=True) == {"min": "1", "max": "30"}
    assert number_bounds(". > 0", integer=True) == {"min": "1"}
    assert number_bounds(". > 0", integer=False) == {}
    assert number_bounds(". >= 0 or . = -1", integer=True) == {}
    assert make().fields["people_count"].widget.attrs["max"] == "500"


def test_every_validator_message_has_a_translatable_string():
    stable = {value for name, value in vars(converters).items() if name.startswith("MSG_")}
    assert stable == set(MESSAGES)


def test_a_question_may_be_named_like_a_form_attribute():
    instrument = walk_instrument()
    instrument.questions[-1].name = "instrument"
    form = make({**VALID, "instrument": "hi"}, instrument=instrument)
    assert form.is_valid()
    assert form.answers["instrument"] == "hi"


def test_the_include_renders_fieldsets_legends_errors_and_the_scripts():
    form = make({"comments": "x"}, lang="th")
    form.is_valid()
    with translation.override("en"):
        html = render_to_string("toolkit/_webform.html", {"form": form})

    assert (
        '<fieldset class="webform-group" data-group="grp_audit"><legend>การตรวจสอบ</legend>' in html
    )
    assert "<legend>แสงสว่าง" in html
    assert html.count('class="error"') == len(form.errors)
    assert 'data-relevant="selected(${problems}, &#x27;other&#x27;)"' in html
    assert "toolkit/geolocate.js" in html and "toolkit/relevance.js" in html
    assert "Use my location" in html
    assert "<script>" not in html and "style=" not in html
    assert "<h1" not in html
