"""Imports of exports made with any KoboToolbox / ODK setting, end to end (page and command)."""

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from safercities.diagnosis.enums import ImportStatus
from safercities.diagnosis.importing import import_submissions
from safercities.diagnosis.models import ImportJob, Submission
from safercities.instruments.tests.formpack_export import KoboExport, synthetic_submissions

from .test_import import kobo_csv, odk_csv, with_bad_rows


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """Post a file (and options) to the upload page; the queued import runs at commit."""

    def post(client, assessment, content: bytes, name: str, **options):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"/diagnosis/{assessment.pk}/import/",
                {"file": SimpleUploadedFile(name, content), **options},
            )

    return post


def thai_labels_export(audit, n=8, **settings):
    instrument = audit.instrument()
    export = KoboExport(instrument, lang="th", group_sep=".", multiple_select="details", **settings)
    return export, synthetic_submissions(instrument, n, seed=4)


def test_a_thai_labels_export_imports_the_same_answers_as_xml_names(
    make_assessment, client_for, team_a, upload
):
    audit = make_assessment()
    export, submissions = thai_labels_export(audit)
    xml = KoboExport(audit.instrument()).to_csv(submissions)
    reference = make_assessment()
    assert import_submissions(reference, xml).created == 8

    client = client_for(team_a)
    upload(client, audit, export.to_csv(submissions), "export.csv")

    job = ImportJob.objects.get(assessment=audit)
    assert job.status == ImportStatus.DONE and job.created_count == 8
    stored = dict(Submission.objects.filter(assessment=audit).values_list("uuid", "answers"))
    expected = dict(Submission.objects.filter(assessment=reference).values_list("uuid", "answers"))
    assert stored == expected
    page = client.get(job.get_absolute_url()).content.decode()
    assert "How the file was read" in page
    assert "labels in Thai" in page
    assert "<li><code>_notes</code></li>" in page and "<li><code>start</code></li>" in page
    assert "<code>v1</code> (8)" in page  # a Kobo version uid the Hub does not know


def test_a_typed_xlsx_export_with_labels_imports(make_assessment):
    audit = make_assessment()
    export, submissions = thai_labels_export(audit, xls_types_as_text=False)

    result = import_submissions(audit, export.to_xlsx(submissions), filename="export.xlsx")

    assert result.ok and result.created == 8 and result.file_format == "kobo-xlsx"
    assert result.report["naming"] == "th" and result.report["separator"] == "."


def test_the_team_can_choose_to_import_the_good_rows_and_see_the_bad_ones(
    make_assessment, client_for, team_a, upload
):
    audit = make_assessment()
    client = client_for(team_a)
    content = with_bad_rows(kobo_csv(8)).encode()
    upload(client, audit, content, "export.csv", keep_good_rows="on")

    job = ImportJob.objects.get()
    assert job.keep_good_rows and job.status == ImportStatus.DONE
    assert (job.created_count, job.error_rows) == (6, 2)
    assert Submission.objects.filter(assessment=audit).count() == 6
    page = client.get(job.get_absolute_url()).content.decode()
    assert "2 rows with problems were not imported (listed below)." in page
    assert "<td>3</td><td>Lighting <code>lighting</code></td><td>ratings/lighting</td>" in page


def test_without_the_choice_a_bad_row_still_stops_everything(make_assessment):
    audit = make_assessment()
    result = import_submissions(audit, with_bad_rows(kobo_csv(8)).encode())
    assert not result.ok and result.created == 0 and not Submission.objects.exists()


def test_an_odk_central_zip_is_imported_and_its_other_files_are_listed(
    make_assessment, client_for, team_a, upload
):
    audit = make_assessment()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("audit.csv", odk_csv(5))
        archive.writestr("audit-spots.csv", "note,PARENT_KEY,KEY\n")
    client = client_for(team_a)
    upload(client, audit, buffer.getvalue(), "audit.zip")

    job = ImportJob.objects.get()
    assert job.status == ImportStatus.DONE and job.created_count == 5
    assert job.file_format == "odk-zip"
    assert Submission.objects.get(uuid="odk-2").source == "odk"
    page = client.get(job.get_absolute_url()).content.decode()
    assert "<li><code>audit-spots.csv</code></li>" in page


def test_a_wrong_file_gets_one_translated_message_on_the_page(
    make_assessment, client_for, team_a, upload
):
    audit = make_assessment()
    client = client_for(team_a)
    upload(client, audit, b"PK\x03\x04broken", "export.zip")

    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED and len(job.file_problems) == 1
    team_a.ui_language = "th"
    team_a.save()
    page = client.get(job.get_absolute_url()).content.decode()
    assert job.file_problems[0] not in page  # shown translated


def test_the_command_lists_the_columns_it_did_not_use_and_can_keep_good_rows(
    make_assessment, tmp_path
):
    audit = make_assessment()
    path = tmp_path / "export.csv"
    path.write_text(with_bad_rows(kobo_csv(6)), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "import_submissions", str(audit.pk), str(path), "--keep-good-rows", stdout=out, stderr=err
    )

    text = out.getvalue()
    assert "columns not used: start, end" in text
    assert "4 submissions imported, 0 already imported, 2 rows with problems left out" in text
    assert "line 3: lighting [ratings/lighting]" in err.getvalue()


def test_a_row_made_with_another_deployed_version_is_read_with_that_version(
    make_assessment, client_for, team_a, upload
):
    from safercities.toolkit.models import ToolVersion

    audit = make_assessment()
    current = audit.tool_version
    definition = dict(current.definition, version=current.number + 1)
    definition["choice_lists"] = dict(definition["choice_lists"])
    feeling = audit.instrument().question("feeling").choice_list
    definition["choice_lists"][feeling] = [
        *definition["choice_lists"][feeling],
        {"name": "terrified", "label": {"en": "Terrified"}, "score": 0},
    ]
    newer = ToolVersion.objects.create(
        tool=current.tool, city=None, number=current.number + 1, based_on=current,
        definition=definition, languages=current.languages, published=True,
    )  # fmt: skip
    rows = list(csv.reader(io.StringIO(odk_csv(3))))
    rows[0].append("FormVersion")
    rows[1].append(str(newer.number))
    rows[2].append(str(current.number))
    rows[3].append(str(current.number))
    for row in rows[1:3]:
        row[rows[0].index("ratings-feeling")] = "terrified"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    client = client_for(team_a)
    upload(client, audit, out.getvalue().encode(), "odk.csv")

    job = ImportJob.objects.get()
    assert job.error_rows == 1  # "terrified" is no choice of the current version
    assert [(e["line"], e["field"]) for e in job.errors] == [(3, "feeling")]
    assert job.report["versions"] == {str(newer.number): 1, str(current.number): 2}
    page = client.get(job.get_absolute_url()).content.decode()
    assert f"<code>{newer.number}</code> (1): read with {newer}" in page


def test_the_row_estimate_of_an_odk_zip_counts_its_main_table(tmp_path):
    from safercities.diagnosis.importing import estimate_rows

    path = tmp_path / "audit.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("audit.csv", odk_csv(7))
        archive.writestr("audit-spots.csv", "note,PARENT_KEY,KEY\n")
    assert estimate_rows(path) == 7
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04broken")
    assert estimate_rows(tmp_path / "broken.zip") == 0
