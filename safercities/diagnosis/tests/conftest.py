"""Fixtures for the diagnosis tests: assessments of each kind and quick ways to fill them."""

import itertools
import uuid
from datetime import date

import pytest
from django.utils import timezone

from safercities.diagnosis.demo import PARAMETER_LEVELS
from safercities.diagnosis.enums import SubmissionSource
from safercities.diagnosis.models import Submission
from safercities.diagnosis.records import json_answers, profile_columns
from safercities.diagnosis.services import create_assessment
from safercities.toolkit.models import ToolVersion
from safercities.toolkit.versioning import ensure_generic_tools

AUDIT = "womens-safety-audit"
SURVEY = "victimization-survey"
INCIDENT = "incident-report"
LEVELS = PARAMETER_LEVELS  # the demo's choice names for each rating 0–3
_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploaded exports and photos go to a temporary private folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def make_assessment(db, city_a):
    def make(*, tool: str = AUDIT, city=None, **extra):
        ensure_generic_tools()  # transactional (browser) tests start from an empty database
        fields = {"title": f"Assessment {next(_counter)}", "start": date(2024, 1, 1)}
        fields.update(extra)
        return create_assessment(
            None, city=city or city_a, tool_version=ToolVersion.objects.generic(tool), **fields
        )

    return make


def audit_answers(ratings: dict[str, int] | int, lat: float, lon: float, **extra) -> dict:
    """Answers to the generic audit with every parameter at ``ratings`` (or per parameter)."""
    if isinstance(ratings, int):
        ratings = dict.fromkeys(LEVELS, ratings)
    answers = {
        "audit_date": "2024-03-05",
        "time_of_day": "after_dark",
        "walk_group": "womens_group",
        "location": [lat, lon, 0.0, 5.0],
    }
    for parameter, value in ratings.items():
        answers[parameter] = LEVELS[parameter][value]
    answers.update(extra)
    return answers


def store(assessment, answers: dict, *, weight=None, location=None, source=SubmissionSource.WEB):
    """Store one submission directly (answers as the web form or import would keep them)."""
    answers = json_answers(answers)
    point = answers.get("location")
    lat, lon = (point[0], point[1]) if isinstance(point, list) else (location or (None, None))
    sex, age, settlement, category = profile_columns(answers)
    return Submission.objects.create(
        assessment=assessment,
        uuid=str(uuid.uuid4()),
        submitted_at=timezone.now(),
        source=source,
        answers=answers,
        latitude=lat,
        longitude=lon,
        sex=sex,
        age_band=age,
        settlement_type=settlement,
        category=category,
        weight=weight,
    )


def survey_answers(*, sex="female", age="age_25_34", settlement="informal", **crimes) -> dict:
    """A respondent: every screener 'no' unless given ('yes' adds reported='no')."""
    answers = {
        "sex": sex,
        "age_band": age,
        "household_size": 4,
        "settlement_type": settlement,
        "dv_consent": "no",
        "fear_after_dark": crimes.pop("fear", "fairly_safe"),
    }
    for crime in ("theft_personal", "burglary", "robbery", "assault_threat", "sexual_offence"):
        value = crimes.get(crime, "no")
        answers[crime] = value
        if value == "yes":
            answers[f"{crime}_reported"] = crimes.get(f"{crime}_reported", "no")
            if crime != "burglary":
                answers[f"{crime}_where"] = "neighbourhood"
    return answers


def incident_answers(category: str, lat: float, lon: float) -> dict:
    return {
        "category": category,
        "occurred_at": "2024-03-05T20:00:00+07:00",
        "location": [lat, lon, 0.0, 10.0],
        "contact_ok": "no",
    }
