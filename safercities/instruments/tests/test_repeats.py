"""Repeat groups: model, XLSForm (checked with pyxform), validation and imports of the repeat
sheets of KoboToolbox XLSX exports and the repeat files of ODK Central's CSV zip."""

import csv
import io
import zipfile
from datetime import date

import pytest

from safercities.instruments.fieldimport import FieldImportError, parse_export
from safercities.instruments.model import Choice, Group, Instrument, InstrumentError, Question
from safercities.instruments.validation import AnswerValidator

from .formpack_export import XML, KoboExport
from .helpers import clone
from .test_xlsform import XF, to_xform


def labels(en, th):
    return {"en": en, "th": th}


def incident_survey() -> Instrument:
    """A victimization survey in miniature: follow-up questions once per incident."""
    return Instrument(
        slug="test-incidents",
        title=labels("Incidents", "เหตุการณ์"),
        version=1,
        default_language="en",
        languages=["en", "th"],
        groups=[Group("incidents", labels("Incident", "เหตุการณ์"), repeat=True)],
        questions=[
            Question("victim", "select_one", labels("Victim?", "เคยตกเป็นเหยื่อ?"),
                     required=True, choice_list="yes_no", core=True),
            Question("crime", "select_one", labels("What happened", "เกิดอะไรขึ้น"),
                     required=True, choice_list="crime", group="incidents"),
            Question("reported", "select_one", labels("Reported to police", "แจ้งตำรวจ"),
                     required=True, choice_list="yes_no", group="incidents"),
            Question("reported_to", "select_multiple", labels("Reported to", "แจ้งที่"),
                     choice_list="authority", relevant="${reported} = 'yes'", group="incidents"),
            Question("when", "date", labels("When", "เมื่อไร"), group="incidents"),
            Question("comments", "text", labels("Comments", "ความคิดเห็น")),
        ],
        choice_lists={
            "yes_no": [Choice("yes", labels("Yes", "ใช่")), Choice("no", labels("No", "ไม่ใช่"))],
            "crime": [
                Choice("theft", labels("Theft", "ลักทรัพย์")),
                Choice("assault", labels("Assault", "ทำร้ายร่างกาย")),
                Choice("harassment", labels("Sexual harassment", "การคุกคามทางเพศ")),
            ],
            "authority": [
                Choice("police", labels("Police", "ตำรวจ")),
                Choice("district", labels("District office", "สำนักงานเขต")),
            ],
        },
    ).check()  # fmt: skip


SUBMISSIONS = [
    {
        "victim": "yes",
        "_uuid": "u-1",
        "__version__": "v1",
        "incidents": [
            {
                "incidents/crime": "theft",
                "incidents/reported": "no",
                "incidents/when": "2024-01-02",
            },
            {
                "incidents/crime": "harassment",
                "incidents/reported": "yes",
                "incidents/reported_to": "police district",
            },
        ],
    },
    {"victim": "no", "_uuid": "u-2", "comments": "ไม่มี 🙂"},
    {
        "victim": "yes",
        "_uuid": "u-3",
        "incidents": [{"incidents/crime": "assault", "incidents/reported": "yes"}],
    },
]
EXPECTED = [
    {
        "victim": "yes",
        "incidents": [
            {"crime": "theft", "reported": "no", "when": date(2024, 1, 2)},
            {"crime": "harassment", "reported": "yes", "reported_to": ["police", "district"]},
        ],
    },
    {"victim": "no", "comments": "ไม่มี 🙂"},
    {"victim": "yes", "incidents": [{"crime": "assault", "reported": "yes"}]},
]


def kobo_xlsx(lang=XML, **settings):
    survey = incident_survey()
    export = KoboExport(survey, lang=lang, **settings)
    return export.to_xlsx(SUBMISSIONS, repeats={"incidents": survey.repeat_questions("incidents")})


def test_a_repeat_group_survives_the_json_round_trip():
    survey = incident_survey()
    again = Instrument.from_dict(survey.to_dict())

    assert again.group("incidents").repeat is True
    assert [q.name for q in again.repeat_questions("incidents")] == [
        "crime", "reported", "reported_to", "when"
    ]  # fmt: skip
    assert again.repeat_of(again.question("comments")) is None


def test_a_top_level_question_cannot_refer_to_a_question_inside_a_repeat():
    survey = clone(incident_survey())
    survey.question("comments").relevant = "${crime} = 'theft'"
    survey.question("crime").core = True

    with pytest.raises(InstrumentError) as caught:
        survey.check()

    assert any("refers to ${crime}" in p for p in caught.value.problems)
    assert any("repeat group cannot be core" in p for p in caught.value.problems)


def test_the_xlsform_has_begin_and_end_repeat_and_pyxform_accepts_it():
    xform, warnings = to_xform(incident_survey())

    assert warnings == []
    repeats = [node.get("nodeset") for node in xform.iter(f"{XF}repeat")]
    assert repeats == ["/data/incidents"]


def test_the_validator_cleans_each_entry_and_names_errors_by_entry():
    validator = AnswerValidator(incident_survey())
    clean, errors = validator.validate(
        {
            "victim": "yes",
            "incidents": [
                {"crime": "theft", "reported": "yes", "reported_to": "police"},
                {"crime": "fraud", "reported": "no", "reported_to": "police"},
            ],
        }
    )

    assert clean["incidents"][0] == {"crime": "theft", "reported": "yes", "reported_to": ["police"]}
    assert clean["incidents"][1] == {"reported": "no"}  # not relevant: reported_to dropped
    assert errors == {"incidents[2]/crime": "Select a valid choice."}
    assert validator.validate({"victim": "no", "incidents": "x"})[1] == {
        "incidents": "Enter the repeated answers as a list of entries."
    }


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"lang": "th"},
        {"lang": "en", "group_sep": ".", "multiple_select": "details"},
        {"lang": "th", "hierarchy_in_labels": False, "xls_types_as_text": False},
    ],
    ids=["xml", "thai-labels", "english-dot-details", "thai-no-groups-typed"],
)
def test_kobo_xlsx_repeat_sheets_are_read_into_each_submission(settings):
    with parse_export(kobo_xlsx(**settings), incident_survey(), "export.xlsx") as reader:
        rows = list(reader)
        assert reader.repeat_tables == {"incidents": "incidents"}
        assert reader.ignored_parts == []

    assert [row.errors for row in rows] == [[], [], []]
    assert [row.answers for row in rows] == EXPECTED


def test_a_bad_answer_in_a_repeat_sheet_is_reported_with_its_sheet_line():
    submissions = [dict(s) for s in SUBMISSIONS]
    submissions[2] = {**submissions[2], "incidents": [{"incidents/crime": "arson"}]}
    survey = incident_survey()
    data = KoboExport(survey).to_xlsx(
        submissions, repeats={"incidents": survey.repeat_questions("incidents")}
    )
    with parse_export(data, survey, "export.xlsx") as reader:
        rows = list(reader)

    assert rows[2].errors == [
        "incidents/crime (incidents line 4): Select a valid choice.",
        "incidents/reported (incidents line 4): This question requires an answer.",
    ]


def odk_zip(repeat_rows=None):
    main = io.StringIO()
    writer = csv.writer(main)
    writer.writerow(["SubmissionDate", "victim", "comments", "meta-instanceID", "KEY"])
    for index, victim in enumerate(["yes", "no", "yes"], 1):
        comment = "ไม่มี 🙂" if index == 2 else ""
        writer.writerow(["2024-03-07T04:12:33.123Z", victim, comment, f"uuid:u-{index}", f"uuid:u-{index}"])  # fmt: skip
    repeat = io.StringIO()
    writer = csv.writer(repeat)
    writer.writerow(["crime", "reported", "reported_to", "when", "PARENT_KEY", "KEY"])
    default = [
        ["theft", "no", "", "2024-01-02", "uuid:u-1", "uuid:u-1/incidents[1]"],
        ["harassment", "yes", "police district", "", "uuid:u-1", "uuid:u-1/incidents[2]"],
        ["assault", "yes", "", "", "uuid:u-3", "uuid:u-3/incidents[1]"],
    ]
    writer.writerows(default if repeat_rows is None else repeat_rows)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("test-incidents.csv", main.getvalue())
        archive.writestr("test-incidents-incidents.csv", repeat.getvalue())
        archive.writestr("media/photo.jpg", b"\xff\xd8\xff")
    return buffer.getvalue()


def test_odk_central_repeat_files_are_read_by_parent_key():
    with parse_export(odk_zip(), incident_survey(), "export.zip") as reader:
        rows = list(reader)
        assert reader.repeat_tables == {"incidents": "test-incidents-incidents.csv"}
        assert reader.ignored_parts == ["media/photo.jpg"]

    assert [row.answers for row in rows] == EXPECTED
    assert [row.uuid for row in rows] == ["u-1", "u-2", "u-3"]


def test_repeat_rows_that_belong_to_no_submission_stop_the_import():
    rows = [["theft", "no", "", "", "uuid:u-9", "uuid:u-9/incidents[1]"]]
    reader = parse_export(odk_zip(rows), incident_survey(), "export.zip")
    with pytest.raises(FieldImportError) as caught:
        list(reader)

    assert caught.value.problems[0].startswith(
        "Line 2 of test-incidents-incidents.csv (a repeat group) belongs to no row"
    )


def test_a_csv_export_of_a_form_with_repeats_says_that_the_repeats_are_missing():
    data = KoboExport(incident_survey()).to_csv(SUBMISSIONS)
    with parse_export(data, incident_survey()) as reader:
        rows = list(reader)
        assert reader.missing_repeats == ["incidents"]

    assert [row.answers for row in rows] == [{"victim": "yes"}, EXPECTED[1], {"victim": "yes"}]
