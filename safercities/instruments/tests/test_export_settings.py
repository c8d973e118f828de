"""Every KoboToolbox export setting imports exactly (files built as formpack builds them)."""

import io
import zipfile
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from openpyxl import Workbook

from safercities.instruments.converters import GeoPoint
from safercities.instruments.fieldimport import (
    KOBO_CSV,
    KOBO_XLSX,
    ODK_ZIP,
    FieldImportError,
    parse_export,
    read_export,
)
from safercities.instruments.model import Question

from .formpack_export import XML, KoboExport
from .helpers import DATA, clone, walk_instrument

BANGKOK = timezone(timedelta(hours=7))


def instrument():
    walk = clone(walk_instrument())
    walk.questions.append(Question("started", "datetime", {"en": "Started", "th": "เริ่มเมื่อ"}))
    return walk.check()


def submissions():
    """Kobo JSON submissions: Thai text, emoji, line breaks and separators inside answers."""
    base = {
        "start": "2024-03-05T18:00:00.000+07:00",
        "end": "2024-03-05T18:20:00.000+07:00",
        "_validation_status": "",
        "_notes": "",
        "_status": "submitted_via_web",
        "_submitted_by": "",
        "__version__": "vQ2xKn8",
        "_tags": "",
    }
    rows = [
        {
            "walk_date": "2024-03-05",
            "grp_audit/lighting": "poor",
            "grp_audit/people_count": "12",
            "grp_audit/location": "13.7563 100.5018 4.0 5.0",
            "grp_audit/problems": "dark broken_path other",
            "grp_audit/problems_other": "ซอยมืด; ไม่มีไฟ, ทางแคบ / แคบ 🚶‍♀️",
            "comments": 'บรรทัดแรก\nบรรทัดที่สอง "quoted" - a.b',
            "started": "2024-03-05T18:01:00.000+07:00",
        },
        {
            "walk_date": "2024-03-06",
            "grp_audit/lighting": "bright",
            "grp_audit/location": "13.75 100.49",
            "grp_audit/problems": "none",
            "comments": "=lots of people, 👍",
            "started": "2024-03-06T07:30:00.000+07:00",
        },
        {
            "walk_date": "2024-03-07",
            "grp_audit/lighting": "none",
            "grp_audit/people_count": "0",
            "grp_audit/location": "13.7 100.5 0 3",
            "started": "2024-03-07T21:15:00.000+07:00",
        },
    ]
    for index, row in enumerate(rows, 1):
        row.update(base)
        row["_id"] = str(1000 + index)
        row["_uuid"] = f"5b9c1e0a-0000-4000-8000-00000000000{index}"
        row["meta/instanceID"] = f"uuid:{row['_uuid']}"
        row["_submission_time"] = f"2024-03-0{4 + index}T11:0{index}:03"
    return rows


EXPECTED = [
    {
        "walk_date": date(2024, 3, 5),
        "lighting": "poor",
        "people_count": 12,
        "location": GeoPoint(13.7563, 100.5018, 4.0, 5.0),
        "problems": ["dark", "broken_path", "other"],
        "problems_other": "ซอยมืด; ไม่มีไฟ, ทางแคบ / แคบ 🚶‍♀️",
        "comments": 'บรรทัดแรก\nบรรทัดที่สอง "quoted" - a.b',
        "started": datetime(2024, 3, 5, 18, 1, tzinfo=BANGKOK),
    },
    {
        "walk_date": date(2024, 3, 6),
        "lighting": "bright",
        "location": GeoPoint(13.75, 100.49),
        "problems": ["none"],
        "comments": "=lots of people, 👍",
        "started": datetime(2024, 3, 6, 7, 30, tzinfo=BANGKOK),
    },
    {
        "walk_date": date(2024, 3, 7),
        "lighting": "none",
        "people_count": 0,
        "location": GeoPoint(13.7, 100.5, 0.0, 3.0),
        "started": datetime(2024, 3, 7, 21, 15, tzinfo=BANGKOK),
    },
]

#: Kobo's export settings: (values and headers, groups in headers, separator, multi-select)
SETTINGS = [
    pytest.param(XML, True, "/", "both", id="xml-names-groups-slash-both"),
    pytest.param("en", True, "/", "both", id="english-labels-groups"),
    pytest.param("th", True, "/", "both", id="thai-labels-groups"),
    pytest.param("th", False, "/", "summary", id="thai-labels-no-groups-summary"),
    pytest.param(XML, True, "/", "details", id="xml-details-only"),
    pytest.param("en", True, "/", "details", id="english-labels-details-only"),
    pytest.param(XML, True, ".", "both", id="group-separator-dot"),
    pytest.param(XML, True, "-", "both", id="group-separator-dash"),
    pytest.param("th", True, ".", "details", id="thai-labels-dot-details"),
    pytest.param(XML, False, "/", "summary", id="xml-no-groups-summary"),
]


def imported(data, filename=None, **kwargs):
    with parse_export(data, instrument(), filename, local_tz=BANGKOK, **kwargs) as reader:
        rows = list(reader)
        return reader, rows


def assert_exact(rows):
    assert [row.errors for row in rows] == [[], [], []]
    assert [row.answers for row in rows] == EXPECTED
    assert [row.uuid for row in rows] == [s["_uuid"] for s in submissions()]
    assert rows[0].submitted_at == datetime(2024, 3, 5, 11, 1, 3, tzinfo=UTC)
    assert rows[0].location == (13.7563, 100.5018)
    assert [row.version for row in rows] == ["vQ2xKn8"] * 3


@pytest.mark.parametrize(("lang", "groups", "sep", "multiple"), SETTINGS)
@pytest.mark.parametrize(("csv_sep", "bom"), [(";", False), (",", True)])
def test_every_kobo_csv_export_setting_imports_exactly(lang, groups, sep, multiple, csv_sep, bom):
    export = KoboExport(
        instrument(), lang=lang, hierarchy_in_labels=groups, group_sep=sep, multiple_select=multiple
    )
    reader, rows = imported(export.to_csv(submissions(), sep=csv_sep, bom=bom))

    assert reader.format == KOBO_CSV
    assert reader.headers == {"naming": "xml" if lang == XML else lang, "separator": sep}
    assert_exact(rows)
    assert set(reader.ignored_columns) >= {"start", "end", "_id", "_notes", "_tags"}
    assert "__version__" not in reader.ignored_columns


@pytest.mark.parametrize(("lang", "groups", "sep", "multiple"), SETTINGS)
@pytest.mark.parametrize("as_text", [False, True], ids=["typed-cells", "text-cells"])
def test_every_kobo_xlsx_export_setting_imports_exactly(lang, groups, sep, multiple, as_text):
    export = KoboExport(
        instrument(),
        lang=lang,
        hierarchy_in_labels=groups,
        group_sep=sep,
        multiple_select=multiple,
        xls_types_as_text=as_text,
    )
    reader, rows = imported(export.to_xlsx(submissions()))

    assert reader.format == KOBO_XLSX
    assert_exact(rows)


def test_typed_xlsx_date_times_get_the_local_time_zone_kobo_removed():
    export = KoboExport(instrument(), xls_types_as_text=False)
    _reader, rows = imported(export.to_xlsx(submissions()))

    started = rows[0].answers["started"]
    assert started.utcoffset() == timedelta(hours=7)
    assert started == datetime(2024, 3, 5, 11, 1, tzinfo=UTC)


def test_an_xlsx_text_answer_starting_with_equals_keeps_its_text_not_the_formula_value():
    export = KoboExport(instrument(), xls_types_as_text=False)
    _reader, rows = imported(export.to_xlsx(submissions()))

    assert rows[1].answers["comments"] == "=lots of people, 👍"


def test_a_label_that_is_not_a_choice_is_an_error_at_its_row_and_column():
    export = KoboExport(instrument(), lang="en", multiple_select="summary")
    data = export.to_csv(submissions()).replace(b'"Poor"', b'"Very poor"')
    reader, rows = imported(data)

    assert rows[0].errors == ["lighting: Select a valid choice."]
    assert reader.columns["lighting"] == ["Audit/Lighting"]


def test_sheets_of_an_xlsx_export_that_are_no_repeat_of_the_form_are_named_as_not_read():
    repeat = [Question("what", "text", {"en": "What"})]
    export = KoboExport(instrument())
    data = export.to_xlsx(submissions(), repeats={"incidents": repeat})
    reader, rows = imported(data)

    assert len(rows) == 3
    assert reader.ignored_parts == ["incidents"]  # the walk has no such repeat group


def odk_central_zip(extra=(), damage=False):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("walk.csv", (DATA / "odk_central.csv").read_bytes())
        archive.writestr("walk-incidents.csv", "what,PARENT_KEY,KEY\n")
        archive.writestr("media/1710000000000.jpg", b"\xff\xd8\xff")
        for name, content in extra:
            archive.writestr(name, content)
    data = buffer.getvalue()
    return data[: len(data) // 2] if damage else data


def test_odk_central_csv_zip_reads_the_main_table_and_names_the_other_files():
    with parse_export(odk_central_zip(), walk_instrument(), "walk.zip") as reader:
        rows = list(reader)
        assert reader.format == ODK_ZIP
        assert reader.ignored_parts == ["walk-incidents.csv", "media/1710000000000.jpg"]

    expected, _problems = read_export(DATA / "odk_central.csv", walk_instrument())
    assert [row.answers for row in rows] == [row.answers for row in expected]


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (odk_central_zip(damage=True), "walk.zip", "damaged or incomplete"),
        (b"PK\x03\x04" + b"\x00" * 40, "export.xlsx", "damaged or incomplete"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "export.xls", "old-style Excel"),
        (b'{"results": []}', "export.json", "Not a KoboToolbox or ODK export"),
    ],
    ids=["truncated-zip", "truncated-xlsx", "old-xls", "json"],
)
def test_a_wrong_file_gets_one_clear_message(data, filename, message):
    with pytest.raises(FieldImportError) as caught:
        parse_export(data, instrument(), filename)

    assert len(caught.value.problems) == 1
    assert message in caught.value.problems[0]


def test_another_forms_export_is_named_as_such():
    data = b'"_uuid";"_submission_time";"household_size";"water_source"\r\n"a";"";"3";"well"\r\n'
    with pytest.raises(FieldImportError) as caught:
        parse_export(data, instrument())

    assert caught.value.problems == [
        "None of the columns match this form's questions (by XML name or by label in any of "
        "its languages): this looks like an export of another form."
    ]


def test_an_xlsx_with_merged_header_cells_is_refused_with_a_clear_message():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["walk_date", "Audit", None, "_uuid"])
    sheet.merge_cells("B1:C1")
    sheet.append(["2024-03-05", "poor", "13.7 100.5", "u1"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    with pytest.raises(FieldImportError) as caught:
        parse_export(buffer.getvalue(), instrument(), "edited.xlsx")

    assert caught.value.problems[0].startswith("Some header cells of the first sheet are blank")


def test_a_submission_id_longer_than_the_database_holds_is_a_row_error():
    rows = submissions()
    rows[0]["_uuid"] = "x" * 5000
    rows[0]["meta/instanceID"] = ""
    _reader, parsed = imported(KoboExport(instrument()).to_csv(rows))

    assert parsed[0].errors == ["_uuid: The submission id is longer than 100 characters."]
    assert parsed[1].errors == []


@pytest.fixture
def calamine_calls(monkeypatch):
    from safercities.instruments import fieldimport

    calls = []
    real = fieldimport._calamine_sheets

    def spy(stream):
        calls.append(1)
        return real(stream)

    monkeypatch.setattr(fieldimport, "_calamine_sheets", spy)
    return calls


def _without_formula():
    subs = submissions()
    for sub in subs:
        for key, value in sub.items():
            if isinstance(value, str) and value.startswith("="):
                sub[key] = value[1:]
    return subs


def _summary(reader, rows):
    return (
        [
            (r.line, r.uuid, r.answers, r.errors, r.submitted_at, r.location, r.version)
            for r in rows
        ],
        reader.ignored_columns,
        reader.ignored_parts,
        reader.headers,
    )


@pytest.mark.parametrize(("lang", "groups", "sep", "multiple"), SETTINGS)
@pytest.mark.parametrize("as_text", [False, True], ids=["typed-cells", "text-cells"])
def test_an_xlsx_without_formulas_is_read_by_calamine_exactly_as_openpyxl_reads_it(
    lang, groups, sep, multiple, as_text, calamine_calls, monkeypatch
):
    from safercities.instruments import fieldimport

    export = KoboExport(
        instrument(), lang=lang, hierarchy_in_labels=groups, group_sep=sep,
        multiple_select=multiple, xls_types_as_text=as_text,
    )  # fmt: skip
    data = export.to_xlsx(_without_formula())
    fast = _summary(*imported(data))
    assert calamine_calls == [1]
    monkeypatch.setattr(fieldimport, "CALAMINE_MAX_XML_BYTES", 0)  # too large: openpyxl
    streamed = _summary(*imported(data))
    assert calamine_calls == [1]
    assert fast == streamed
    assert [answers for _l, _u, answers, *_rest in fast[0]][1]["comments"] == ("lots of people, 👍")


def test_an_xlsx_with_a_formula_is_read_by_openpyxl(calamine_calls):
    export = KoboExport(instrument(), xls_types_as_text=False)
    _reader, rows = imported(export.to_xlsx(submissions()))

    assert calamine_calls == []
    assert rows[1].answers["comments"] == "=lots of people, 👍"
