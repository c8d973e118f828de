"""The team downloads its raw data with a code book; each download is in the audit log."""

import csv
import io

import pytest
from openpyxl import load_workbook

from safercities.core.models import AuditLogEntry

from .conftest import SURVEY, store, survey_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(make_assessment):
    assessment = make_assessment(tool=SURVEY)
    for i in range(3):
        submission = store(assessment, survey_answers(robbery="yes" if i else "no"), weight=1.5)
        submission.stratum, submission.psu = "north", f"b{i}"
        submission.save()
    store(assessment, survey_answers(sex='=HYPERLINK("http://x")'))
    return assessment


def read_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_team_downloads_one_row_per_submission_as_csv_and_it_is_logged(
    survey, client_for, team_a
):
    response = client_for(team_a).get(f"/diagnosis/{survey.pk}/raw.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = read_csv(response)
    assert len(rows) == 4
    assert {r["_stratum"] for r in rows} == {"north", ""}
    assert sorted(r["robbery"] for r in rows) == ["no", "no", "yes", "yes"]
    assert any(r["sex"].startswith("'=") for r in rows)  # never run as a formula
    entry = AuditLogEntry.objects.get(action="submissions.downloaded")
    assert entry.data["format"] == "csv" and entry.data["rows"] == 4


def test_the_xlsx_has_the_data_and_the_code_book(survey, client_for, team_a):
    response = client_for(team_a).get(f"/diagnosis/{survey.pk}/raw.xlsx")
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    data = list(workbook["data"].values)
    assert len(data) == 5 and data[0][0] == "_id"
    book = {row[0]: row for row in workbook["codebook"].values}
    assert book["robbery"][2] == "select_one" and "yes = Yes" in book["robbery"][3]
    codebook = client_for(team_a).get(f"/diagnosis/{survey.pk}/raw-codebook.csv")
    assert "robbery" in codebook.content.decode("utf-8-sig")
    assert AuditLogEntry.objects.filter(action="submissions.downloaded").count() == 1


def test_nobody_else_downloads_raw_data(survey, client_for, team_b, member):
    for user in (None, member, team_b):
        for suffix in ("raw.csv", "raw.xlsx", "raw-codebook.csv"):
            status = client_for(user).get(f"/diagnosis/{survey.pk}/{suffix}").status_code
            assert status in (302, 403)
    assert not AuditLogEntry.objects.filter(action="submissions.downloaded").exists()


def test_the_submissions_page_links_the_downloads(survey, client_for, team_a):
    html = client_for(team_a).get(f"/diagnosis/{survey.pk}/submissions/").content.decode()
    assert f"/diagnosis/{survey.pk}/raw.csv" in html and "code book" in html
