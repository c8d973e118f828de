"""Scripts on the page: file names keep Thai and Khmer, tables wrap by words and scroll."""

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings

from safercities.core.filenames import safe_stem

pytestmark = pytest.mark.django_db


def test_a_file_name_keeps_thai_and_khmer_marks():
    assert safe_stem("ป้ายไฟส่องสว่าง: คู่มือ 2024") == "ป้ายไฟส่องสว่าง-คู่มือ-2024"
    assert safe_stem("សុវត្ថិភាព ស្ត្រី") == "សុវត្ថិភាព-ស្ត្រី"
    assert safe_stem("???", fallback="x") == "x"


def test_a_thai_diagnosis_export_is_named_in_thai_with_rfc_5987(client_for, team_a, city_a):
    from safercities.diagnosis.services import create_assessment
    from safercities.diagnosis.tests.conftest import AUDIT  # noqa: F401 - tools exist
    from safercities.toolkit.models import ToolVersion
    from safercities.toolkit.versioning import ensure_generic_tools

    ensure_generic_tools()
    assessment = create_assessment(
        None,
        city=city_a,
        tool_version=ToolVersion.objects.generic("womens-safety-audit"),
        title="การเดินสำรวจคลองเตย",
        start="2024-01-01",
    )
    response = client_for(team_a).get(f"/diagnosis/{assessment.pk}/export.csv")
    header = response["Content-Disposition"]
    match = re.search(r"filename\*=utf-8''(\S+)", header)
    assert match, header
    assert unquote(match.group(1)) == f"diagnosis-{assessment.pk}-การเดินสำรวจคลองเตย.csv"


def test_every_table_wrapper_can_be_scrolled_by_keyboard():
    for path in Path(settings.PACKAGE_DIR).rglob("templates/**/*.html"):
        for tag in re.findall(r'<div class="table-wrap"[^>]*>', path.read_text(encoding="utf-8")):
            assert 'tabindex="0"' in tag and 'role="region"' in tag, path


def test_tables_do_not_inherit_break_anywhere():
    css = (Path(settings.PACKAGE_DIR) / "static" / "css" / "site.css").read_text()
    assert "th, td { overflow-wrap: break-word; word-break: normal; }" in css


def test_share_is_translated_by_its_meaning(client, make_city):
    from django.utils import translation

    with translation.override("th"):
        assert translation.pgettext("proportion of respondents", "Share") == "สัดส่วน"
        assert translation.pgettext("share this page with others", "Share") == "แชร์"


def test_english_dates_put_the_day_first_and_thai_dates_follow_thai_conventions():
    import datetime

    from django.utils import formats, translation

    day = datetime.date(2026, 12, 2)
    with translation.override("en"):
        assert formats.date_format(day) == "2 December 2026"
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "02/12/2026"
    with translation.override("th"):
        assert "ธันวาคม" in formats.date_format(day)
