"""XLSForm downloads and the export_xlsform command; pyxform must accept what we write."""

import io

import defusedxml.ElementTree as ET
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from safercities.toolkit import services

from .conftest import AUDIT, SURVEY

XF = "{http://www.w3.org/2002/xforms}"


def to_xform(data: bytes):
    warnings: list[str] = []
    result = convert(data, warnings=warnings, file_type=".xlsx")
    return ET.fromstring(result.xform.encode()), warnings


def labels(xform, language: str) -> set[str]:
    for node in xform.iter(f"{XF}translation"):
        if node.get("lang") == language:
            return {text.findtext(f"{XF}value") for text in node}
    return set()


@pytest.fixture
def localized(draft, team_a):
    services.add_question(
        team_a,
        draft,
        name="cctv_visible",
        type="select_one",
        labels={"en": "Is there a CCTV camera visible?", "th": "มองเห็นกล้องวงจรปิดหรือไม่"},
        after="security",
        choices=[("yes", "Yes"), ("no", "No")],
        reason="Cameras.",
    )
    return services.publish_version(team_a, draft)


def test_the_xlsform_of_a_localized_version_converts_to_a_valid_xform(client, localized):
    response = client.get(reverse("toolkit:version_xlsform", args=[AUDIT, localized.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="womens-safety-audit-bangkok-v1.xlsx"' in response["Content-Disposition"]
    xform, warnings = to_xform(response.content)
    assert warnings == []
    assert "มองเห็นกล้องวงจรปิดหรือไม่" in labels(xform, "ไทย (th)")
    assert {t.get("lang") for t in xform.iter(f"{XF}translation")} == {"English (en)", "ไทย (th)"}
    binds = {bind.get("nodeset") for bind in xform.iter(f"{XF}bind")}
    assert "/data/ratings/cctv_visible" in binds


def test_the_generic_xlsform_downloads_for_everyone(client, tools):
    response = client.get(reverse("toolkit:generic_xlsform", args=[SURVEY]))
    assert response.status_code == 200
    _, warnings = to_xform(response.content)
    assert warnings == []


def test_a_drafts_xlsform_is_only_for_its_city_team(client_for, draft, team_a, team_b):
    download = reverse("toolkit:version_xlsform", args=[AUDIT, draft.pk])
    assert client_for(team_a).get(download).status_code == 200
    assert client_for(team_b).get(download).status_code == 404


def test_the_command_exports_the_generic_tool_by_default(tools, tmp_path):
    out = tmp_path / "audit.xlsx"
    call_command("export_xlsform", AUDIT, str(out), stdout=io.StringIO())
    settings = load_workbook(out)["settings"]
    assert [cell.value for cell in settings[2]][:3][1:] == [AUDIT, "1"]
    _, warnings = to_xform(out.read_bytes())
    assert warnings == []


def test_the_command_exports_a_city_version_by_number(localized, city_a, team_a, tmp_path):
    second = services.start_version(team_a, localized.tool, city_a, based_on=localized)
    out = tmp_path / "bangkok.xlsx"

    call_command(
        "export_xlsform",
        AUDIT,
        str(out),
        "--city",
        "bangkok",
        "--version",
        "1",
        stdout=io.StringIO(),
    )

    xform, warnings = to_xform(out.read_bytes())
    assert warnings == []
    assert "มองเห็นกล้องวงจรปิดหรือไม่" in labels(xform, "ไทย (th)")
    assert second.number == 2  # --version picked 1, not the latest


def test_the_command_exports_a_generic_version_by_number(tools, tmp_path):
    out = tmp_path / "survey.xlsx"
    call_command("export_xlsform", SURVEY, str(out), "--version", "1", stdout=io.StringIO())
    assert out.stat().st_size > 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["no-such-tool"], "No tool 'no-such-tool'. Known tools:"),
        ([AUDIT, "--version", "7"], "has no version 7 for the generic tool (versions: 1)"),
        ([AUDIT, "--city", "atlantis"], "No city 'atlantis'"),
        ([AUDIT, "--city", "bangkok"], "has no published version for bangkok"),
    ],
)
def test_the_command_explains_what_it_cannot_find(tools, city_a, tmp_path, arguments, message):
    slug, *options = arguments
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("export_xlsform", slug, str(tmp_path / "x.xlsx"), *options)


def test_city_versions_get_their_own_form_id_so_servers_keep_them_apart(client, localized):
    response = client.get(reverse("toolkit:version_xlsform", args=[AUDIT, localized.pk]))
    settings = load_workbook(io.BytesIO(response.content))["settings"]
    row = {cell.value: value.value for cell, value in zip(settings[1], settings[2], strict=False)}
    assert row["form_id"] == "womens-safety-audit-bangkok"
    assert row["version"] == "1"
    assert localized.instrument().slug == AUDIT  # the stored definition keeps the tool's slug


def test_labels_that_look_like_formulas_stay_text_in_the_xlsform(client_for, draft, team_a):
    services.add_question(
        team_a,
        draft,
        name="people_count",
        type="integer",
        labels={"en": "=1+1 people?", "th": "@จำนวนคน\x0b"},
        after="security",
        reason="Crowding.",
    )
    response = client_for(team_a).get(reverse("toolkit:version_xlsform", args=[AUDIT, draft.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["survey"]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    values = {cell.value for cell in cells}
    assert "=1+1 people?" in values and "@จำนวนคน" in values
    xform, _warnings = to_xform(response.content)
    assert "=1+1 people?" in labels(xform, "English (en)")
