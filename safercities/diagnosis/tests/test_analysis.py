"""The diagnosis pages show the statistics cores' numbers; exports and the API carry them."""

import csv
import html as html_module
import io
import re

import numpy as np
import pytest
from django.utils.formats import number_format
from openpyxl import load_workbook

from safercities.diagnosis import data
from safercities.stats import audit as audit_stats
from safercities.stats import survey as survey_stats
from safercities.stats.design import SampleDesign
from safercities.stats.survey_design import outcomes, prevalence_outcome
from safercities.toolkit.models import ToolVersion

from .conftest import INCIDENT, SURVEY, audit_answers, incident_answers, store, survey_answers

pytestmark = pytest.mark.django_db


def pct(value: float) -> str:
    return f"{number_format(value * 100, decimal_pos=1)} %"


@pytest.fixture
def audit(make_assessment, make_settlement, city_a):
    settlement = make_settlement(
        city=city_a,
        name="Canal Community",
        outline={
            "type": "Polygon",
            "coordinates": [
                [
                    [100.55, 13.72],
                    [100.56, 13.72],
                    [100.56, 13.73],
                    [100.55, 13.73],
                    [100.55, 13.72],
                ]
            ],
        },
    )
    assessment = make_assessment(title="Walks")
    rng = np.random.default_rng(11)
    for i in range(16):  # inside the settlement: darker, less safe
        lat, lon = 13.7205 + i * 0.0005, 100.5505 + (i % 4) * 0.002
        ratings = {p: int(rng.integers(0, 2)) for p in audit_stats.PARAMETERS}
        ratings["feeling"] = ratings["lighting"]
        store(assessment, audit_answers(ratings, lat, lon, spot_description=f"Inside {i}"))
    for i in range(14):  # outside: brighter
        lat, lon = 13.74 + i * 0.0005, 100.57
        ratings = {p: int(rng.integers(2, 4)) for p in audit_stats.PARAMETERS}
        store(assessment, audit_answers(ratings, lat, lon, spot_description=f"Outside {i}"))
    assessment.settlement_name = settlement.name
    return assessment


def test_audit_scores_on_the_page_are_the_audit_cores(audit, client_for, team_a):
    records = data.audit_records(audit)
    overall = audit_stats.area_score(records, min_audits=3)
    html = client_for(team_a).get(f"/diagnosis/{audit.pk}/").content.decode()
    row = re.search(r"<th scope=\"row\">All audited spots</th>(.*?)</tr>", html, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(?:<strong>)?([^<]*)", row)
    assert cells[0] == "30"
    assert cells[1] == number_format(overall.overall, decimal_pos=0)
    assert cells[2] == number_format(overall.parameters["lighting"], decimal_pos=0)
    inside = [r for r in records if r["description"].startswith("Inside")]
    settlement = audit_stats.area_score(inside, min_audits=3)
    row = re.search(r'<th scope="row">Canal Community</th>(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r"<td[^>]*>(?:<strong>)?([^<]*)", row)[1] == number_format(
        settlement.overall, decimal_pos=0
    )
    assert audit_stats.FORMULA_TEXT in html_module.unescape(html)
    assert "Spearman" in html  # the ranking method is published too
    first = audit_stats.feeling_correlations(records)[0]
    fix_first = re.search(r"What to fix first.*?<tbody>\s*<tr>(.*?)</tr>", html, re.S).group(1)
    from safercities.diagnosis.presenters import PARAMETER_LABELS

    assert f">{PARAMETER_LABELS[first.parameter]}" in fix_first
    assert number_format(first.rho, decimal_pos=2) in fix_first


def test_spot_scores_are_listed_for_the_team_with_the_number_of_audits(audit, client_for, team_a):
    html = client_for(team_a).get(f"/diagnosis/{audit.pk}/").content.decode()
    assert "Scores by spot" in html and "Inside 0" in html
    spots = {s.spot: s for s in audit_stats.spot_scores(data.audit_records(audit))}
    assert len(spots) == 30


def test_survey_prevalence_and_intervals_are_the_survey_cores(make_assessment, client_for):
    survey = make_assessment(tool=SURVEY)
    for i in range(40):
        informal = i % 2 == 0
        store(
            survey,
            survey_answers(
                sex="female" if i % 3 else "male",
                settlement="informal" if informal else "formal",
                robbery="yes" if i % 4 in (0, 1) or i % 8 == 2 else "no",
                robbery_reported="yes" if i % 8 == 0 else "no",
                fear="very_unsafe" if informal else "fairly_safe",
            ),
            weight=2.0 if informal else 1.0,
        )
    records, crimes = data.survey_records(survey)
    html = client_for(None).get(f"/diagnosis/{survey.pk}/").content.decode()
    design = SampleDesign(len(records), weights=[r["weight"] for r in records])
    robbery = design.proportion(outcomes(records, prevalence_outcome("robbery")))
    row = re.search(r'<th scope="row">Robbery</th>(.*?)</tr>', html, re.S).group(1)
    assert pct(robbery.value) in row
    low = number_format(robbery.low * 100, decimal_pos=1)
    high = number_format(robbery.high * 100, decimal_pos=1)
    assert f"{low} – {high} %" in row
    y = outcomes(records, prevalence_outcome("robbery"))
    settlement = np.array([r["settlement_type"] for r in records])
    _, _, gap = design.difference(y, settlement == "informal", settlement == "formal")
    assert gap.difference > 0
    assert number_format(gap.difference * 100, decimal_pos=1) in row
    assert number_format(gap.low * 100, decimal_pos=1) in row
    assert "weighted with the survey weights" in html
    fear = survey_stats.fear_of_crime(records, weight="weight")
    assert pct(fear.value) in html
    informal_fear = re.search(
        r"Settlement type:</span> Informal settlement</th>\s*<td>([^<]*)<",
        html.split("Feel unsafe walking alone after dark</h3>")[1],
    ).group(1)
    # Everyone in informal settlements feels unsafe: that would give away each one's
    # answer, so the cell is withheld (zero protection).
    assert informal_fear.strip() == "withheld"


def test_the_hotspot_page_finds_a_constructed_cluster_of_reports(
    make_assessment, client_for, team_a
):
    reports = make_assessment(tool=INCIDENT)
    rng = np.random.default_rng(5)
    for _ in range(60):
        store(
            reports,
            incident_answers(
                "theft", 13.73 + rng.normal(0, 0.0008), 100.53 + rng.normal(0, 0.0008)
            ),
        )
    for _ in range(60):
        store(
            reports,
            incident_answers(
                "theft", rng.uniform(13.70, 13.76), rng.uniform(13.70 - 13.70 + 100.50, 100.56)
            ),
        )
    html = client_for(team_a).get(f"/diagnosis/{reports.pk}/hotspots/").content.decode()
    assert "Hot spot, q ≤ 0.01" in html
    first = re.search(
        r'<tr class="class-3"><th scope="row">[^<]*</th><td>([\d.]+), ([\d.]+)</td>', html
    )
    assert first and abs(float(first.group(1)) - 13.73) < 0.005
    assert abs(float(first.group(2)) - 100.53) < 0.005
    public = client_for(None).get(
        f"/diagnosis/{reports.pk}/hotspots/?size=500&grid=hex&submitted=1"
    )
    assert public.status_code == 200
    text = public.content.decode()
    # Beyond the team: classes only, no counts, z or q from which counts could be solved.
    assert "Hot spot, q ≤ 0.01" in text and "Expected by chance" not in text
    assert not re.search(r'<tr class="class-[-\d]+">.*?</td><td>', text)


def test_the_hotspot_options_are_honoured(make_assessment, client_for, team_a):
    reports = make_assessment(tool=INCIDENT)
    for i in range(12):
        store(reports, incident_answers("theft", 13.73 + i * 0.001, 100.53))
    url = f"/diagnosis/{reports.pk}/hotspots.json"
    query = "?size=100&grid=hex&permutations=999&submitted=1"
    data_json = client_for(team_a).get(url + query).json()
    assert data_json["options"] == {"size": 100, "kind": "hex", "permutations": 999, "fdr": False}
    public = client_for(None).get(url + query).json()
    assert public["options"] == {"size": 100, "kind": "square", "permutations": 0, "fdr": True}
    bad = client_for(team_a).get(f"{url}?size=7&grid=circle&permutations=99").json()
    assert bad["options"]["size"] == 250 and bad["options"]["kind"] == "square"
    assert bad["options"]["permutations"] == 0


def test_a_hotspot_analysis_with_too_few_points_says_so(make_assessment, client_for):
    reports = make_assessment(tool=INCIDENT)
    store(reports, incident_answers("theft", 13.73, 100.53))
    html = client_for(None).get(f"/diagnosis/{reports.pk}/hotspots/").content.decode()
    assert "The analysis could not run" in html


def test_the_csv_and_xlsx_exports_hold_aggregates_and_no_raw_data(audit, client_for, team_a):
    client = client_for(team_a)  # even the team downloads aggregates only
    response = client.get(f"/diagnosis/{audit.pk}/export.csv")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    overall = audit_stats.area_score(data.audit_records(audit), min_audits=5)
    row = next(
        r
        for r in rows
        if r["measure"] == "score:overall"
        and r["dimension"] == "area"
        and r["group"] == "All audited spots"
    )
    assert float(row["value"]) == round(overall.overall, 1) and row["n"] == "30"
    text = response.content.decode()
    assert "Inside 0" not in text and "13.7205" not in text
    for submission in audit.submissions.all():
        assert submission.uuid not in text
    workbook = load_workbook(io.BytesIO(client.get(f"/diagnosis/{audit.pk}/export.xlsx").content))
    sheet = workbook["aggregates"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == (
        "section", "measure", "dimension", "group", "value", "low", "high", "n",
        "n_effective", "design_effect", "p_adjusted", "flag",
    )  # fmt: skip
    assert len(values) == len(rows) + 1
    assert (
        "audit_area",
        "score:overall",
        "area",
        "All audited spots",
        round(overall.overall, 1),
    ) in [v[:5] for v in values]


def test_the_survey_export_marks_small_cells(make_assessment, client_for):
    survey = make_assessment(tool=SURVEY)
    for _ in range(12):
        store(survey, survey_answers(sex="female", burglary="yes"))
    for _ in range(2):
        store(survey, survey_answers(sex="male"))
    rows = list(
        csv.DictReader(
            io.StringIO(
                client_for(None)
                .get(f"/diagnosis/{survey.pk}/export.csv")
                .content.decode("utf-8-sig")
            )
        )
    )
    male = next(r for r in rows if r["measure"] == "prevalence:burglary" and r["group"] == "male")
    assert male["value"] == "" and male["n"] == "fewer than 5"
    female = next(
        r for r in rows if r["measure"] == "prevalence:burglary" and r["group"] == "female"
    )
    # one group suppressed: its only neighbour is withheld too (it would give it away)
    assert female["n"] == "withheld" and female["value"] == ""


def test_the_api_lists_assessments_and_guards_submissions(audit, client_for, team_a, team_b):
    listing = client_for(None).get("/api/v1/assessments?city=bangkok").json()
    assert [a["id"] for a in listing] == [audit.pk] and listing[0]["kind"] == "safety_audit"
    url = f"/api/v1/assessments/{audit.pk}/submissions"
    assert client_for(None).get(url).status_code == 401
    assert client_for(team_b).get(url).status_code == 403
    page = client_for(team_a).get(url + "?limit=5").json()
    assert page["count"] == 30 and len(page["results"]) == 5
    assert page["results"][0]["latitude"] is not None
    assert client_for(team_a).get("/api/v1/assessments/999999/submissions").status_code == 404
    assert client_for(None).get("/api/v1/assessments/999999/summary").status_code == 404


def test_the_api_accepts_a_personal_token_for_the_team(audit, client, team_a):
    from safercities.accounts.models import ApiToken

    _token, key = ApiToken.issue(team_a, "field laptop")
    response = client.get(
        f"/api/v1/assessments/{audit.pk}/submissions", headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 200 and response.json()["count"] == 30


def test_the_city_page_lists_the_assessments(audit, make_assessment, client_for, team_a):
    reports = make_assessment(tool=INCIDENT, title="Report here")
    html = client_for(None).get("/cities/bangkok/").content.decode()
    assert f'href="/diagnosis/{audit.pk}/"' in html and "Walks" in html
    assert f'href="/diagnosis/{reports.pk}/submit/"' in html  # anyone may report
    team_html = client_for(team_a).get("/cities/bangkok/").content.decode()
    assert 'href="/diagnosis/cities/bangkok/new/"' in team_html
    assert 'href="/diagnosis/cities/bangkok/new/"' not in html


def test_creating_an_assessment_locks_its_tool_version(client_for, team_a, team_b, city_a):
    version = ToolVersion.objects.generic("womens-safety-audit")
    assert not version.locked
    form = {
        "title": "Night walks",
        "tool_version": version.pk,
        "start": "2024-05-01",
        "end": "",
        "is_open": "on",
        "description": "",
    }
    assert client_for(team_b).post("/diagnosis/cities/bangkok/new/", form).status_code == 403
    response = client_for(team_a).post("/diagnosis/cities/bangkok/new/", form)
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.locked
    assessment = version.assessments.get()
    assert assessment.city == city_a and assessment.created_by == team_a
    bad = dict(form, start="2024-05-01", end="2024-04-01")
    html = client_for(team_a).post("/diagnosis/cities/bangkok/new/", bad).content.decode()
    assert "The end cannot be before the start." in html


def test_the_team_manages_its_support_services(client_for, team_a, team_b, city_a):
    form = {
        "name": "Night Shelter (demo)",
        "phone": "+66 0000 0003",
        "url": "",
        "description": "",
        "languages": ["th"],
        "order": 0,
    }
    assert (
        client_for(team_b).post("/diagnosis/cities/bangkok/services/new/", form).status_code == 403
    )
    assert (
        client_for(team_a).post("/diagnosis/cities/bangkok/services/new/", form).status_code == 302
    )
    service = city_a.support_services.get()
    assert service.languages == ["th"]
    html = client_for(None).get("/diagnosis/cities/bangkok/services/").content.decode()
    assert "Night Shelter (demo)" in html and "Edit" not in html
    client_for(team_a).post(f"/diagnosis/cities/bangkok/services/{service.pk}/delete/")
    assert not city_a.support_services.exists()


def test_the_diagnosis_page_is_printable(audit, client_for):
    html = client_for(None).get(f"/diagnosis/{audit.pk}/").content.decode()
    assert "css/diagnosis.css" in html
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/diagnosis.css")).read_text(encoding="utf-8")
    assert "@media print" in css
