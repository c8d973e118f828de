import io

import defusedxml.ElementTree as ET
import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from safercities.instruments.generic import GENERIC_SLUGS, LANGUAGES, generic_instrument
from safercities.instruments.xlsform import export_xlsform, xlsform_language, xlsform_sheets

from .helpers import walk_instrument

XF = "{http://www.w3.org/2002/xforms}"


def to_xform(instrument):
    buffer = io.BytesIO()
    export_xlsform(instrument, buffer)
    warnings: list[str] = []
    result = convert(buffer.getvalue(), warnings=warnings, file_type=".xlsx")
    return ET.fromstring(result.xform.encode()), warnings


def translations(xform):
    return {
        node.get("lang"): {text.get("id"): text.findtext(f"{XF}value") for text in node}
        for node in xform.iter(f"{XF}translation")
    }


@pytest.mark.parametrize("slug", GENERIC_SLUGS)
def test_pyxform_converts_each_generic_tool_without_warnings(slug):
    xform, warnings = to_xform(generic_instrument(slug))

    assert warnings == []
    assert xform.findtext("{http://www.w3.org/1999/xhtml}head/{http://www.w3.org/1999/xhtml}title")


@pytest.mark.parametrize("slug", GENERIC_SLUGS)
def test_the_xform_carries_a_complete_itext_translation_per_language(slug):
    instrument = generic_instrument(slug)
    xform, _ = to_xform(instrument)

    itext = translations(xform)

    assert set(itext) == {xlsform_language(lang) for lang in LANGUAGES}
    ids = {frozenset(texts) for texts in itext.values()}
    assert len(ids) == 1  # every language translates the same texts
    first = instrument.questions[0]
    for lang in LANGUAGES:
        texts = itext[xlsform_language(lang)]
        assert first.label[lang] in texts.values()


def test_the_safety_audit_xform_shows_thai_labels_and_binds_required_geopoint():
    xform, _ = to_xform(generic_instrument("womens-safety-audit"))

    thai = translations(xform)["ไทย (th)"]
    assert thai["/data/ratings/lighting:label"] == "แสงสว่าง"
    binds = {bind.get("nodeset"): bind for bind in xform.iter(f"{XF}bind")}
    location = binds["/data/spot/location"]
    assert (location.get("type"), location.get("required")) == ("geopoint", "true()")


def test_relevance_and_constraints_reach_the_xform_binds():
    xform, warnings = to_xform(walk_instrument())

    binds = {bind.get("nodeset"): bind for bind in xform.iter(f"{XF}bind")}
    assert warnings == []
    other = binds["/data/grp_audit/problems_other"]
    assert other.get("relevant") == "selected( /data/grp_audit/problems , 'other')"
    assert binds["/data/grp_audit/people_count"].get("constraint") == (". >= 0 and . <= 500")


def test_the_survey_sheet_follows_xlsform_conventions():
    sheets = xlsform_sheets(generic_instrument("incident-report"))
    header, *rows = sheets["survey"]
    by_name = {row[1]: dict(zip(header, row, strict=True)) for row in rows}

    assert header[:4] == ["type", "name", "label::English (en)", "label::ไทย (th)"]
    assert "label::简体中文 (zh)" in header
    assert "hint::ខ្មែរ (km)" in header
    assert by_name["category"]["type"] == "select_one incident_category"
    assert by_name["occurred_at"]["type"] == "dateTime"
    assert by_name["location"]["required"] == "yes"
    assert by_name["contact_ok"]["default"] == "no"
    assert by_name["contact"]["relevant"] == "${contact_ok} = 'yes'"
    assert sheets["settings"] == [
        ["form_title", "form_id", "version", "default_language"],
        ["Incident and unsafe-spot report", "incident-report", "1", "English (en)"],
    ]
    assert sheets["choices"][-1][:4] == ["yes_no", "no", "No", "ไม่ได้"]


def test_groups_become_begin_and_end_group_rows_and_photos_are_downscaled():
    rows = xlsform_sheets(generic_instrument("womens-safety-audit"))["survey"]
    header = rows[0]
    types = [(row[0], row[1]) for row in rows[1:]]

    assert types[0] == ("begin_group", "walk")
    assert types.count(("end_group", "ratings")) == 1
    assert types.index(("begin_group", "ratings")) < types.index(
        ("select_one lighting_level", "lighting")
    )
    photo = next(row for row in rows if row[1] == "photo")
    assert photo[header.index("parameters")] == "max-pixels=1280"


def test_a_missing_translation_is_filled_from_the_default_language():
    instrument = walk_instrument()
    del instrument.question("comments").label["th"]

    header, *rows = xlsform_sheets(instrument)["survey"]
    comments = next(row for row in rows if row[1] == "comments")

    assert comments[header.index("label::ไทย (th)")] == "Comments"


def test_export_writes_the_three_sheets_to_a_path(tmp_path):
    path = tmp_path / "walk.xlsx"

    export_xlsform(walk_instrument(), path)

    workbook = load_workbook(path, read_only=True)
    assert workbook.sheetnames == ["survey", "choices", "settings"]
    workbook.close()


def test_an_audio_question_is_exported_and_pyxform_makes_an_audio_upload():
    from safercities.instruments.model import Instrument

    definition = generic_instrument("womens-safety-audit").to_dict()
    definition["questions"] = [
        *definition["questions"],
        {"name": "voice_note", "type": "audio", "label": {"en": "Voice note"},
         "group": "observations"},
    ]  # fmt: skip
    xform, warnings = to_xform(Instrument.from_dict(definition))

    assert warnings == []
    uploads = [node for node in xform.iter(f"{XF}upload") if "voice_note" in node.get("ref", "")]
    assert [node.get("mediatype") for node in uploads] == ["audio/*"]
