"""Repeat groups end to end in the diagnosis: import, web form, raw data pages, counts."""

import re

import pytest

from safercities.diagnosis.importing import import_submissions
from safercities.diagnosis.models import Submission
from safercities.diagnosis.records import SurveyReader
from safercities.diagnosis.repeats import repeat_counts
from safercities.instruments.tests.formpack_export import KoboExport, synthetic_submissions

from .conftest import SURVEY


def with_incidents(instrument, n):
    """Synthetic respondents; every other one had one or two thefts (one reported)."""
    submissions = synthetic_submissions(instrument, n, seed=7)
    for index, submission in enumerate(submissions):
        for crime in ("theft_personal", "burglary", "robbery", "assault_threat", "sexual_offence"):
            submission[f"screeners/{crime}"] = "no"
        if index % 2 == 0:
            submission["screeners/theft_personal"] = "yes"
            entries = [
                {
                    "incidents/incident_crime": "theft_personal",
                    "incidents/incident_where": "market",
                    "incidents/incident_reported": "yes" if index % 4 == 0 else "no",
                }
            ]
            if index % 6 == 0:
                entries.append(
                    {
                        "incidents/incident_crime": "theft_personal",
                        "incidents/incident_where": "transport",
                        "incidents/incident_reported": "no",
                        "incidents/incident_why_not": "not_serious too_far",
                    }
                )
            for entry in entries:
                if entry["incidents/incident_reported"] == "no":
                    entry.setdefault("incidents/incident_why_not", "not_serious")
            submission["incidents"] = entries
    return submissions


@pytest.fixture
def survey_with_incidents(make_assessment):
    survey = make_assessment(tool=SURVEY)
    instrument = survey.instrument()
    assert instrument.repeats, "the generic survey asks the follow-up per incident"
    export = KoboExport(instrument, lang="th", multiple_select="details")
    data = export.to_xlsx(
        with_incidents(instrument, 24),
        repeats={"incidents": instrument.repeat_questions("incidents")},
    )
    result = import_submissions(survey, data, filename="survey.xlsx")
    assert result.ok, (result.errors[:3], result.file_problems)
    assert result.created == 24
    return survey


def test_a_kobo_xlsx_with_a_repeat_sheet_stores_each_respondents_incidents(survey_with_incidents):
    first = Submission.objects.filter(assessment=survey_with_incidents).get(
        uuid="synthetic-7-000000"
    )
    assert first.answers["incidents"] == [
        {
            "incident_crime": "theft_personal",
            "incident_where": "market",
            "incident_reported": "yes",
        },
        {
            "incident_crime": "theft_personal",
            "incident_where": "transport",
            "incident_reported": "no",
            "incident_why_not": ["not_serious", "too_far"],
        },
    ]
    record = SurveyReader(survey_with_incidents.instrument()).record(first.answers)
    assert record["theft_personal"] == 1 and record["theft_personal_reported"] is False  # last


def test_counts_per_repeat_give_incidents_per_respondent_and_reporting_per_incident(
    survey_with_incidents,
):
    answers = Submission.objects.filter(assessment=survey_with_incidents).values_list(
        "answers", flat=True
    )
    (count,) = repeat_counts(survey_with_incidents.instrument(), answers)

    # 12 victims, 4 of them (index 0, 6, 12, 18) with a second theft: 16 incidents.
    assert (count.respondents, count.with_entries, count.entries) == (24, 12, 16)
    assert count.per_respondent == pytest.approx(16 / 24)
    incidents, rate = count.per_crime["theft_personal"]
    assert incidents == 16 and rate.value == pytest.approx(6 / 16)  # index 0, 4, 8, … reported
    assert count.per_crime["robbery"][1].suppressed


def test_the_team_sees_the_per_incident_counts_and_each_incident_of_a_submission(
    survey_with_incidents, client_for, team_a
):
    client = client_for(team_a)
    html = client.get(f"/diagnosis/{survey_with_incidents.pk}/submissions/").content.decode()
    assert "Reporting to the police, per incident" in html
    assert re.search(r"<td>16</td><td>38 % \(\d+–\d+ %\)</td>", html)

    first = Submission.objects.get(uuid="synthetic-7-000000")
    html = client.get(first.get_absolute_url()).content.decode()
    assert "Incidents in the past 12 months 2 · Why was it not reported to the police?" in html


def test_a_respondent_adds_an_incident_on_the_web_form_without_javascript(
    make_assessment, client_for, team_a
):
    survey = make_assessment(tool=SURVEY)
    client = client_for(team_a)
    url = f"/diagnosis/{survey.pk}/submit/"
    page = client.get(url).content.decode()
    assert 'name="_repeat" value="add:incidents"' in page

    response = client.post(url, {"incidents__count": "1", "_repeat": "add:incidents"})
    assert response.status_code == 200
    assert 'name="incidents__1__incident_crime"' in response.content.decode()
    assert not Submission.objects.filter(assessment=survey).exists()


def test_a_csv_export_without_the_repeat_table_is_imported_with_a_clear_note(
    make_assessment, client_for, team_a, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from safercities.diagnosis.models import ImportJob

    survey = make_assessment(tool=SURVEY)
    data = KoboExport(survey.instrument()).to_csv(with_incidents(survey.instrument(), 4))
    client = client_for(team_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/diagnosis/{survey.pk}/import/", {"file": SimpleUploadedFile("survey.csv", data)}
        )
    job = ImportJob.objects.get()
    assert job.created_count == 4 and job.report["missing_repeats"] == ["incidents"]
    page = client.get(job.get_absolute_url()).content.decode()
    assert "KoboToolbox's CSV export leaves repeat groups out" in page
