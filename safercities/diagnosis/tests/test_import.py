"""Importing KoboToolbox and ODK exports: validated, all-or-nothing, idempotent, with progress."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from safercities.diagnosis.enums import ImportStatus
from safercities.diagnosis.importing import INSERT_COLUMNS, import_submissions
from safercities.diagnosis.models import ImportJob, Submission
from safercities.diagnosis.tasks import run_job
from safercities.instruments.generic import generic_instrument
from safercities.instruments.synthetic import synthetic_kobo_csv

from .conftest import AUDIT, SURVEY

pytestmark = pytest.mark.django_db


def kobo_csv(n: int = 12, *, seed: int = 1, delimiter: str = ";", tool: str = AUDIT) -> str:
    return synthetic_kobo_csv(generic_instrument(tool), n, seed, delimiter=delimiter)


def with_bad_rows(text: str, delimiter: str = ";") -> str:
    """Line 3: an unknown lighting level; line 5: no feeling rating."""
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = rows[0]
    rows[2][header.index("ratings/lighting")] = "blinding"
    rows[4][header.index("ratings/feeling")] = ""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue()


def as_xlsx(text: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odk_csv(n: int = 6) -> str:
    """An ODK Central export of the generic audit: '-' groups, geopoint parts, KEY last."""
    levels = [
        "poor",
        "closed",
        "little",
        "few",
        "minimal",
        "poor",
        "far",
        "few_women",
        "uncomfortable",
    ]
    names = ["lighting", "openness", "visibility", "people", "security", "walk_path", "public_transport", "gender_usage", "feeling"]  # fmt: skip
    header = ["SubmissionDate", "walk-audit_date", "walk-time_of_day", "walk-walk_group"]
    header += [f"spot-location-{p}" for p in ("Latitude", "Longitude", "Altitude", "Accuracy")]
    header += ["spot-spot_description"] + [f"ratings-{name}" for name in names]
    header += ["meta-instanceID", "KEY", "ReviewState"]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for i in range(n):
        writer.writerow(
            ["2024-03-07T04:12:33.123Z", "2024-03-07", "after_dark", "womens_group",
             f"13.72{i}", f"100.55{i}", "4", "5", f"Spot {i}", *levels,
             f"uuid:odk-{i}", f"uuid:odk-{i}", "approved"]
        )  # fmt: skip
    return out.getvalue()


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """Post a file to the upload page; the queued task runs when the request commits."""

    def post(client, assessment, content: bytes | str, name: str):
        if isinstance(content, str):
            content = content.encode("utf-8")
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"/diagnosis/{assessment.pk}/import/",
                {"file": SimpleUploadedFile(name, content, content_type="text/csv")},
            )

    return post


def test_the_import_writes_every_column_of_a_submission():
    columns = {field.column for field in Submission._meta.concrete_fields if not field.primary_key}
    assert set(INSERT_COLUMNS) == columns


def test_a_kobo_semicolon_csv_is_imported_through_the_upload_page(
    make_assessment, client_for, team_a, upload
):
    audit = make_assessment()
    client = client_for(team_a)
    response = upload(client, audit, kobo_csv(12), "export.csv")
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.created_count == 12 and job.progress == 100
    assert job.file_format == "kobo-csv" and job.rows_done == 12
    submissions = Submission.objects.filter(assessment=audit)
    assert submissions.count() == 12
    first = submissions.order_by("pk").first()
    assert first.source == "kobo" and first.import_job_id == job.pk
    assert first.latitude is not None and first.answers["lighting"] in (
        "none", "poor", "adequate", "bright"
    )  # fmt: skip
    assert first.created_by == team_a
    page = client.get(job.get_absolute_url()).content.decode()
    assert "12 submissions imported." in page
    assert 'hx-trigger="every 2s"' not in page  # finished: no more polling


def test_importing_the_same_file_again_adds_nothing(make_assessment, client_for, team_a, upload):
    audit = make_assessment()
    client = client_for(team_a)
    text = kobo_csv(10)
    upload(client, audit, text, "export.csv")
    upload(client, audit, text, "export.csv")
    second = ImportJob.objects.order_by("-pk").first()
    assert second.status == ImportStatus.DONE
    assert (second.created_count, second.existing_count) == (0, 10)
    assert Submission.objects.filter(assessment=audit).count() == 10
    page = client.get(second.get_absolute_url()).content.decode()
    assert "10 already imported (skipped)." in page


def test_a_file_with_some_new_rows_adds_only_those(make_assessment):
    audit = make_assessment()
    import_submissions(audit, kobo_csv(5, seed=3).encode())
    result = import_submissions(audit, kobo_csv(8, seed=3).encode())
    assert result.ok and (result.created, result.existing) == (3, 5)


def test_a_kobo_comma_csv_and_a_kobo_xlsx_are_imported(make_assessment):
    audit = make_assessment()
    result = import_submissions(audit, kobo_csv(4, seed=5, delimiter=",").encode())
    assert result.ok and result.created == 4
    xlsx = as_xlsx(kobo_csv(6, seed=6))
    result = import_submissions(audit, xlsx, filename="export.xlsx")
    assert result.ok and result.file_format == "kobo-xlsx" and result.created == 6
    assert Submission.objects.filter(assessment=audit).count() == 10


def test_an_odk_central_csv_is_imported(make_assessment, client_for, team_a, upload):
    audit = make_assessment()
    upload(client_for(team_a), audit, odk_csv(6), "odk.csv")
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.DONE and job.file_format == "odk-csv"
    submission = Submission.objects.get(assessment=audit, uuid="odk-3")
    assert submission.source == "odk"
    assert (submission.latitude, submission.longitude) == (13.723, 100.553)
    assert submission.answers["feeling"] == "uncomfortable"


def test_bad_rows_stop_the_whole_import_and_are_listed_with_line_numbers(
    make_assessment, client_for, team_a, upload
):
    audit = make_assessment()
    client = client_for(team_a)
    upload(client, audit, with_bad_rows(kobo_csv(8)), "export.csv")
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED and job.error_rows == 2
    assert [(e["line"], e["field"]) for e in job.errors] == [(3, "lighting"), (5, "feeling")]
    assert not Submission.objects.exists()
    html = client.get(job.get_absolute_url()).content.decode()
    table = re.search(r'<table class="import-errors">.*?</table>', html, re.S).group(0)
    assert re.search(
        r"<td>3</td><td>Lighting <code>lighting</code></td><td>[^<]*</td><td>Select a valid choice",
        table,
    )
    assert re.search(
        r"<td>5</td><td>Feeling <code>feeling</code></td><td>[^<]*</td>"
        r"<td>This question requires an answer",
        table,
    )
    assert "Nothing was imported." in html


def test_the_error_table_is_in_the_readers_language(make_assessment, client_for, team_a, upload):
    audit = make_assessment()
    client = client_for(team_a)
    upload(client, audit, with_bad_rows(kobo_csv(8)), "export.csv")
    team_a.ui_language = "th"
    team_a.save()
    html = client.get(ImportJob.objects.get().get_absolute_url()).content.decode()
    assert '<html lang="th"' in html
    assert "<td>3</td><td>แสงสว่าง <code>lighting</code>" in html  # the question in Thai


def test_a_file_that_is_no_export_fails_with_a_clear_problem(
    make_assessment, client_for, team_a, upload
):
    audit = make_assessment()
    upload(client_for(team_a), audit, "name,age\nAnn,3\n", "people.csv")
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED and job.file_problems
    html = client_for(team_a).get(job.get_absolute_url()).content.decode()
    assert "Not a KoboToolbox or ODK export" in html


def test_a_survey_export_fills_the_profile_columns_and_weights(make_assessment):
    survey = make_assessment(tool=SURVEY)
    text = kobo_csv(9, tool=SURVEY)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    rows[0].append("weight")
    for row in rows[1:]:
        row.append("1.25")
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    result = import_submissions(survey, out.getvalue().encode())
    assert result.ok and result.created == 9
    submission = Submission.objects.filter(assessment=survey).first()
    assert submission.weight == 1.25
    assert submission.sex == submission.answers["sex"]
    assert submission.settlement_type == submission.answers["settlement_type"]


def test_progress_is_reported_while_rows_are_checked(make_assessment, team_a, monkeypatch):
    from safercities.diagnosis import importing

    monkeypatch.setattr(importing, "PROGRESS_EVERY", 5)
    audit = make_assessment()
    seen = []
    result = import_submissions(audit, kobo_csv(12).encode(), progress=seen.append)
    assert seen == [5, 10, 12] and result.created == 12


def test_a_queued_job_page_polls_every_two_seconds_and_has_a_refresh_link(
    make_assessment, client_for, team_a
):
    audit = make_assessment()
    job = ImportJob.objects.create(assessment=audit, original_name="big.csv", rows_total=40_000)
    client = client_for(team_a)
    html = client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert f'<a href="{job.get_absolute_url()}">Refresh</a>' in html
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    text = fragment.content.decode()
    assert text.lstrip().startswith('<div id="import-status"') and "<h1" not in text
    assert 'hx-trigger="every 2s"' in text


def test_the_task_runs_a_job_once(make_assessment, team_a):
    from django.core.files.base import ContentFile

    audit = make_assessment()
    job = ImportJob(assessment=audit, original_name="export.csv", created_by=team_a)
    job.file.save("export.csv", ContentFile(kobo_csv(7).encode()), save=True)
    assert run_job(job).status == ImportStatus.DONE
    again = run_job(job)  # already done: nothing happens
    assert again.created_count == 7
    assert Submission.objects.count() == 7


def test_other_teams_cannot_import(make_assessment, client_for, team_b, upload):
    audit = make_assessment()
    assert client_for(team_b).get(f"/diagnosis/{audit.pk}/import/").status_code == 403
    response = upload(client_for(team_b), audit, kobo_csv(3), "export.csv")
    assert response.status_code == 403
    assert not ImportJob.objects.exists()


def test_the_management_command_imports_and_reports(make_assessment, tmp_path):
    audit = make_assessment()
    path = tmp_path / "export.csv"
    path.write_text(kobo_csv(6), encoding="utf-8")
    out = io.StringIO()
    call_command("import_submissions", str(audit.pk), str(path), stdout=out)
    assert "6 submissions imported, 0 already imported" in out.getvalue()
    out = io.StringIO()
    call_command("import_submissions", str(audit.pk), str(path), stdout=out)
    assert "0 submissions imported, 6 already imported" in out.getvalue()


def test_the_management_command_lists_bad_rows_and_fails(make_assessment, tmp_path):
    audit = make_assessment()
    path = tmp_path / "bad.csv"
    path.write_text(with_bad_rows(kobo_csv(6)), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 of 6 rows"):
        call_command("import_submissions", str(audit.pk), str(path), stderr=err, verbosity=0)
    assert "line 3: lighting [" in err.getvalue() and "line 5: feeling [" in err.getvalue()
    assert not Submission.objects.exists()


def test_a_submission_id_longer_than_the_database_holds_is_a_row_error(make_assessment):
    audit = make_assessment()
    rows = list(csv.reader(io.StringIO(kobo_csv(3)), delimiter=";"))
    rows[2][rows[0].index("_uuid")] = "x" * 5000
    column = next(i for i, name in enumerate(rows[0]) if name.endswith("spot_description"))
    rows[3][column] = "dark\x00corner"
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    result = import_submissions(audit, out.getvalue().encode())
    assert not result.ok
    problems = {(error["line"], error["field"]): error["message"] for error in result.errors}
    assert "longer than 100" in problems[(3, "_uuid")]
    assert "null character" in problems[(4, "spot_description")]
    assert not audit.submissions.exists()
