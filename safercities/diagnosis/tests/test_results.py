"""Results are computed once per data version, in the task queue, and read by the views."""

import pytest

from safercities.diagnosis import computed, results
from safercities.diagnosis.models import StoredResult, Submission
from safercities.diagnosis.tasks import run_job

from .conftest import INCIDENT, SURVEY, incident_answers, store, survey_answers

pytestmark = pytest.mark.django_db


def survey_with(make_assessment, n=30):
    survey = make_assessment(tool=SURVEY)
    for i in range(n):
        store(survey, survey_answers(theft_personal="yes" if i % 3 == 0 else "no"))
    return survey


def test_a_page_view_stores_the_result_and_the_next_one_reads_it(
    make_assessment, client_for, monkeypatch
):
    survey = survey_with(make_assessment)
    calls = []
    original = computed._compute_summary

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(computed, "_compute_summary", counting)
    url = f"/diagnosis/{survey.pk}/"
    assert client_for(None).get(url).status_code == 200
    assert client_for(None).get(url).status_code == 200
    assert client_for(None).get(f"{url}export.csv").status_code == 200
    assert len(calls) == 1
    stored = StoredResult.objects.get(assessment=survey, key="survey")
    assert stored.version == results.version_key(survey)


def test_new_data_changes_the_version_and_the_page_shows_it(make_assessment, client_for):
    survey = survey_with(make_assessment)
    before = computed.summary(survey, public=True)
    assert before.n_respondents == 30
    store(survey, survey_answers())  # a bulk write that bypasses the services
    assert computed.summary(survey, public=True).n_respondents == 31


def test_a_web_submission_recomputes_the_stored_results_in_the_task_queue(
    make_assessment, client_for, django_capture_on_commit_callbacks
):
    reports = make_assessment(tool=INCIDENT)
    for i in range(6):
        store(reports, incident_answers("theft", 13.72 + i * 3e-3, 100.55))
    computed.summary(reports, public=True)
    from safercities.diagnosis.services import submit_answers

    with django_capture_on_commit_callbacks(execute=True):
        submit_answers(reports, incident_answers("theft", 13.72, 100.55))
    stored = {r.key: r for r in StoredResult.objects.filter(assessment=reports)}
    version = results.version_key(reports)
    assert {"incidents", "map:public", "map:team", "hotspots:250:square:0:fdr"} <= set(stored)
    assert all(r.version == version for r in stored.values())


def test_an_import_recomputes_the_stored_results(
    make_assessment, private_media, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from safercities.diagnosis.models import ImportJob
    from safercities.instruments.generic import generic_instrument
    from safercities.instruments.synthetic import synthetic_kobo_csv

    survey = make_assessment(tool=SURVEY)
    job = ImportJob(assessment=survey, original_name="survey.csv")
    text = synthetic_kobo_csv(generic_instrument(SURVEY), 12, seed=2)
    job.file.save("survey.csv", ContentFile(text.encode()), save=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_job(job).created_count == 12
    stored = StoredResult.objects.get(assessment=survey, key="survey")
    assert stored.version == results.version_key(survey)


def test_visitors_cannot_make_the_server_compute_arbitrary_hot_spot_options(
    make_assessment, client_for, team_a
):
    reports = make_assessment(tool=INCIDENT)
    for i in range(12):
        store(reports, incident_answers("theft", 13.72 + i * 3e-3, 100.55 + (i % 3) * 3e-3))
    client = client_for(team_a)  # the team may choose shapes and permutations
    for query in (
        "size=7&permutations=99999",
        "size=13&grid=triangle",
        "permutations=5000",
        "size=250&permutations=999&grid=hex",
        "size=250&permutations=999&grid=hex",
    ):
        response = client.get(f"/diagnosis/{reports.pk}/hotspots.json?{query}")
        assert response.status_code == 200, response.json()["problem"]
    keys = set(
        StoredResult.objects.filter(assessment=reports, key__startswith="hotspots:").values_list(
            "key", flat=True
        )
    )
    assert keys <= {
        f"hotspots:{s}:{k}:{p}:{f}"
        for s in (100, 250, 500, 1000)
        for k in ("square", "hex")
        for p in (0, 999)
        for f in ("fdr", "raw")
    }
    assert "hotspots:250:hex:999:fdr" in keys


def test_the_diagnosis_page_reads_stored_results_in_a_few_queries(
    make_assessment, client_for, django_assert_max_num_queries
):
    survey = survey_with(make_assessment)
    client = client_for(None)
    client.get(f"/diagnosis/{survey.pk}/")
    with django_assert_max_num_queries(14):
        assert client.get(f"/diagnosis/{survey.pk}/").status_code == 200


def test_a_settings_change_raises_the_data_version(make_assessment, team_a):
    from safercities.diagnosis.services import update_assessment

    survey = survey_with(make_assessment, 10)
    before = results.version_key(survey)
    update_assessment(team_a, survey, sample_design="srs")
    assert results.version_key(survey) != before
    assert Submission.objects.filter(assessment=survey).count() == 10


def test_the_public_map_data_stays_small_with_many_points(make_assessment, client_for):
    from safercities.diagnosis import mapdata

    reports = make_assessment(tool=INCIDENT)
    import random

    rng = random.Random(2)
    for _ in range(1500):  # spread over ~11 km: hundreds of 250 m cells of 5+ reports
        store(
            reports,
            incident_answers("theft", 13.70 + rng.random() * 0.05, 100.50 + rng.random() * 0.05),
        )
    public = client_for(None).get(f"/diagnosis/{reports.pk}/map.json")
    body = public.json()
    assert len(body["incident_cells"]) <= mapdata.MAX_PUBLIC_CELLS
    assert body["cell_size"] in (250, 500, 1000)
    assert len(public.content) < 60_000
