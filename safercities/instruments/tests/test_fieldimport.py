import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import Workbook

from safercities.instruments.converters import GeoPoint
from safercities.instruments.fieldimport import (
    KOBO_CSV,
    KOBO_XLSX,
    ODK_CSV,
    FieldImportError,
    parse_export,
    parse_timestamp,
    read_export,
)
from safercities.instruments.generic import GENERIC_SLUGS, generic_instrument
from safercities.instruments.synthetic import kobo_headers, synthetic_kobo_csv

from .helpers import DATA, walk_instrument

REQUIRED = "This question requires an answer."
CONSTRAINT = "The answer is not allowed by the question's constraint."


def errors_by_line(rows):
    return {row.line: row.errors for row in rows if row.errors}


def test_kobo_semicolon_csv_reports_each_bad_row_at_its_line_number():
    rows, problems = read_export(DATA / "kobo_semicolon.csv", walk_instrument())

    assert problems == []
    assert errors_by_line(rows) == {
        3: ["lighting: Select a valid choice."],
        4: ["people_count: Enter a whole number."],
        5: [f"lighting: {REQUIRED}"],
        6: ["location: Latitude must be between -90 and 90."],
        7: ["_uuid: The same submission id appears earlier in this file."],
        10: ["problems: The 0/1 choice columns disagree with the answer."],
        11: [f"people_count: {CONSTRAINT}"],
        12: [f"problems: {CONSTRAINT}", "weight: Enter a weight as a number of zero or more."],
        13: ["_uuid: The submission has no id."],
        15: [f"problems_other: {REQUIRED}"],
    }
    # A quoted comment spanning lines 8-9 shifts the next record to line 10.
    assert [row.line for row in rows] == [2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15]


def test_kobo_semicolon_csv_gives_typed_answers_for_a_good_grouped_row():
    with parse_export(DATA / "kobo_semicolon.csv", walk_instrument()) as reader:
        assert reader.format == KOBO_CSV
        assert reader.columns["lighting"] == ["grp_audit/lighting"]
        first = next(iter(reader))

    assert first.uuid == "a1000001"
    assert first.submitted_at == datetime(2024, 3, 5, 11, 1, 3, tzinfo=UTC)
    assert first.weight == 1.5
    assert first.location == (13.7563, 100.5018)
    assert first.review_status == "validation_status_approved"
    assert first.answers == {
        "walk_date": date(2024, 3, 5),
        "lighting": "poor",
        "people_count": 12,
        "location": GeoPoint(13.7563, 100.5018, 4.5, 5.0),
        "problems": ["dark", "harassment"],
        "comments": "Dark lane behind the market",
    }


def test_answers_to_questions_that_are_not_relevant_are_dropped_without_error():
    rows, _ = read_export(DATA / "kobo_semicolon.csv", walk_instrument())
    by_line = {row.line: row for row in rows}

    assert by_line[14].errors == []
    assert "problems_other" not in by_line[14].answers
    assert by_line[8].answers["problems_other"] == "Loose dogs"
    assert by_line[8].answers["comments"] == "Broken light\nnear the bridge"


def test_kobo_comma_csv_with_bom_is_sniffed_and_falls_back_to_the_instance_id():
    with parse_export(DATA / "kobo_comma_bom.csv", walk_instrument()) as reader:
        assert reader.columns["walk_date"] == ["walk_date"]  # BOM not glued to "start"
        rows = list(reader)

    assert errors_by_line(rows) == {3: ["walk_date: Enter a valid date (YYYY-MM-DD)."]}
    assert [row.uuid for row in rows] == ["b2000001", "b2000002", "b2000003"]
    assert rows[0].location == (13.75, 100.49)
    assert rows[2].answers["location"] == GeoPoint(13.7, 100.4, 2.0, 8.0)
    assert rows[0].weight is None


def test_odk_central_csv_combines_geopoint_columns_and_reads_review_state():
    with parse_export(DATA / "odk_central.csv", walk_instrument()) as reader:
        assert reader.format == ODK_CSV
        assert "SubmitterName" in reader.ignored_columns
        rows = list(reader)

    assert errors_by_line(rows) == {
        3: [
            "location: Enter a location as latitude and longitude, optionally altitude and accuracy."
        ],
        4: ["location: Longitude must be between -180 and 180."],
        5: ["problems: Select a valid choice."],
    }
    first = rows[0]
    assert first.uuid == "c3000001"
    assert first.submitted_at == datetime(2024, 3, 7, 4, 12, 33, 123000, tzinfo=UTC)
    assert first.answers["location"] == GeoPoint(13.7401, 100.5243, 12.5, 4.2)
    assert first.answers["problems"] == ["dark"]
    assert first.review_status == "approved"


def test_odk_briefcase_csv_reads_its_locale_timestamps_and_key_column():
    rows, _ = read_export(DATA / "odk_briefcase.csv", walk_instrument())

    assert rows[0].uuid == "d4000001"
    assert rows[0].submitted_at == datetime(2024, 3, 7, 11, 12, 33, tzinfo=UTC)
    assert rows[0].errors == []
    assert errors_by_line(rows) == {3: [f"location: {REQUIRED}"]}


def _kobo_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "walk_date",
            "grp_audit/lighting",
            "grp_audit/people_count",
            "grp_audit/location",
            "grp_audit/problems_other",
            "_uuid",
            "_submission_time",
        ]
    )
    sheet.append(
        [datetime(2024, 3, 8), "bright", 25, "13.7 100.5", None, "e1", datetime(2024, 3, 8, 3)]
    )
    sheet.append([datetime(2024, 3, 8), "bright", 2.5, "13.7 100.5", None, "e2", None])
    sheet.append([None] * 7)
    sheet.append(["2024-03-09", "blinding", 3, "13.7 100.5", None, "e3", "2024-03-09T01:00:00"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_kobo_xlsx_is_read_from_bytes_with_typed_cells_and_sheet_row_numbers():
    with parse_export(_kobo_xlsx(), walk_instrument(), "export.xlsx") as reader:
        assert reader.format == KOBO_XLSX
        rows = list(reader)

    assert [row.line for row in rows] == [2, 3, 5]
    assert rows[0].answers["walk_date"] == date(2024, 3, 8)
    assert rows[0].answers["people_count"] == 25
    assert rows[0].submitted_at == datetime(2024, 3, 8, 3, tzinfo=UTC)
    assert rows[1].submitted_at is None
    assert errors_by_line(rows) == {
        3: ["people_count: Enter a whole number."],
        5: ["lighting: Select a valid choice."],
    }


def test_a_missing_column_for_a_required_question_is_a_file_level_error():
    text = "walk_date;grp_audit/lighting;_uuid\n2024-03-05;poor;x1\n"

    with pytest.raises(FieldImportError) as caught:
        parse_export(text.encode(), walk_instrument())

    assert caught.value.problems == [
        "Missing column for required question 'location'.",
        "Missing column for required question 'problems_other'.",
    ]
    assert read_export(text.encode(), walk_instrument()) == ([], caught.value.problems)


def test_a_file_that_is_neither_kobo_nor_odk_is_rejected():
    with pytest.raises(FieldImportError, match="Not a KoboToolbox or ODK export"):
        parse_export(b"name,age\nA,3\n", walk_instrument())


def test_a_file_that_is_not_utf8_is_rejected_with_a_file_level_error():
    text = "walk_date;lighting;location;_uuid\n2024-03-05;poor;13 100;caf\xe9\n"

    rows, problems = read_export(text.encode("latin-1"), walk_instrument())

    assert rows == []
    assert problems == ["The file is not UTF-8 text."]


def test_a_non_utf8_byte_deep_in_a_file_stops_the_import_with_a_line_hint():
    good = "walk_date;grp_audit/lighting;grp_audit/location;_uuid\n" + "".join(
        f"2024-03-05;poor;13 100;id{i}\n" for i in range(3000)
    )
    data = good.encode() + "2024-03-05;poor;13 100;caf\xe9\n".encode("latin-1")
    instrument = walk_instrument()
    instrument.questions = [q for q in instrument.questions if q.name != "problems_other"]

    with pytest.raises(FieldImportError, match=r"not UTF-8 text \(after line \d+\)"):
        list(parse_export(data, instrument))


def test_an_open_binary_stream_from_the_caller_is_left_open():
    stream = io.BytesIO((DATA / "kobo_comma_bom.csv").read_bytes())

    rows, _ = read_export(stream, walk_instrument())

    assert len(rows) == 3
    assert not stream.closed


def test_a_text_stream_is_accepted():
    stream = io.StringIO((DATA / "odk_briefcase.csv").read_text(encoding="utf-8"))

    rows, problems = read_export(stream, walk_instrument())

    assert problems == [] and [row.uuid for row in rows] == ["d4000001", "d4000002"]


def test_timestamps_without_timezone_are_taken_as_utc_and_garbage_is_refused():
    assert parse_timestamp("2024-03-05T07:12:33") == datetime(2024, 3, 5, 7, 12, 33, tzinfo=UTC)
    assert parse_timestamp("2024-03-05T14:12:33+07:00").utcoffset().total_seconds() == 25200
    assert parse_timestamp("28-sep-2018 9:21:04") == datetime(2018, 9, 28, 9, 21, 4, tzinfo=UTC)
    with pytest.raises(ValueError):
        parse_timestamp("yesterday")


@pytest.mark.parametrize("slug", GENERIC_SLUGS)
def test_synthetic_kobo_exports_of_every_generic_tool_import_without_errors(slug):
    instrument = generic_instrument(slug)
    text = synthetic_kobo_csv(instrument, 60, seed=7)

    rows, problems = read_export(text.encode(), instrument)

    assert problems == []
    assert len(rows) == 60
    assert [row.errors for row in rows if row.errors] == []
    assert len({row.uuid for row in rows}) == 60


def test_synthetic_exports_are_deterministic_for_a_seed():
    instrument = generic_instrument("womens-safety-audit")

    assert synthetic_kobo_csv(instrument, 5, seed=3) == synthetic_kobo_csv(instrument, 5, seed=3)
    assert synthetic_kobo_csv(instrument, 5, seed=3) != synthetic_kobo_csv(instrument, 5, seed=4)


def test_synthetic_headers_follow_kobo_group_and_geopoint_conventions():
    headers = kobo_headers(generic_instrument("womens-safety-audit"))

    assert "ratings/lighting" in headers
    assert "spot/_location_latitude" in headers
    assert headers.index("spot/location") < headers.index("spot/_location_precision")
