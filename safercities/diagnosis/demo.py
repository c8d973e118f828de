"""Demo assessments for Bangkok, and support services for Bangkok and Phnom Penh.

Everything is invented and generated deterministically (seeded), with patterns strong enough
to show something: around two points near Khlong Toei — a dark lane and a market — audited
spots score low on lighting and feeling and incident reports cluster; respondents living in
informal settlements report more victimization and more fear than those in formal
neighbourhoods. Phone numbers and names are placeholders marked "(demo)".

Idempotent: assessments are keyed on ``ref`` and submissions on deterministic ids.
"""

from __future__ import annotations

import math
import random
import uuid
from datetime import UTC, date, datetime, timedelta

from safercities.accounts.models import User
from safercities.diagnosis.enums import SubmissionSource
from safercities.diagnosis.models import Assessment, Submission, SupportService
from safercities.diagnosis.records import json_answers, profile_columns
from safercities.diagnosis.services import create_assessment
from safercities.instruments.validation import AnswerValidator
from safercities.places.models import City
from safercities.toolkit.models import ToolVersion

SEED = 2024
NAMESPACE = uuid.UUID("6f1d1c1e-5a55-4c1e-9d1a-2024de000000")
DARK_LANE = (13.7155, 100.5542)  # (lat, lon) a lane beside the port community (invented)
MARKET = (13.7228, 100.5588)  # a fresh market near Khlong Toei (approximate)
AUDIT_AREA = (13.700, 13.742, 100.530, 100.585)  # lat min/max, lon min/max
SPOTS = 330
RESPONDENTS = 1_200
INCIDENTS = 180

SERVICES = {
    "bangkok": [
        ("Women's Safety Helpline Bangkok (demo)", "+66 0000 0000 (demo)", "https://example.org/demo/bkk-helpline",
         "Invented 24-hour helpline for the demo: listening, advice and referral after harassment or violence.", ["th", "en"]),
        ("Khlong Toei Community Legal Aid (demo)", "+66 0000 0001 (demo)", "",
         "Invented legal-aid desk for the demo: help with police reports and protection orders.", ["th"]),
        ("Victim Support Counselling Centre (demo)", "+66 0000 0002 (demo)", "https://example.org/demo/bkk-counselling",
         "Invented counselling service for the demo, free of charge.", ["th", "en"]),
    ],
    "phnom-penh": [
        ("Phnom Penh Women's Crisis Line (demo)", "+855 00 000 000 (demo)", "https://example.org/demo/pp-crisis-line",
         "Invented crisis line for the demo: support after violence, referral to shelters.", ["km", "en"]),
        ("Community Safety Legal Clinic (demo)", "+855 00 000 001 (demo)", "",
         "Invented legal clinic for the demo.", ["km"]),
    ],
}  # fmt: skip

PARAMETER_LEVELS = {
    "lighting": ["none", "poor", "adequate", "bright"],
    "openness": ["closed", "partly", "mostly", "fully"],
    "visibility": ["none", "little", "some", "high"],
    "people": ["deserted", "few", "some_crowd", "crowded"],
    "security": ["none", "minimal", "moderate", "high"],
    "walk_path": ["none", "poor", "fair", "good"],
    "public_transport": ["none", "far", "nearby", "very_close"],
    "gender_usage": ["men_only", "few_women", "some_women", "balanced"],
    "feeling": ["frightening", "uncomfortable", "acceptable", "comfortable"],
}
DESCRIPTIONS = {
    "lane": ["Unlit lane behind the port wall (demo)", "Lane between warehouses (demo)"],
    "market": ["Market loading bay after closing (demo)", "Alley beside the market (demo)"],
    "other": [
        "Bus stop on the main road (demo)", "Canal walkway (demo)", "Soi near the school (demo)",
        "Footbridge over the expressway (demo)", "Motorcycle-taxi stand (demo)",
        "Temple grounds entrance (demo)", "Community centre gate (demo)",
    ],
}  # fmt: skip


def _metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat = (a[0] - b[0]) * 111_195
    dlon = (a[1] - b[1]) * 111_195 * math.cos(math.radians(a[0]))
    return math.hypot(dlat, dlon)


def _near(rng: random.Random, centre: tuple[float, float], radius_m: float) -> tuple[float, float]:
    distance = radius_m * math.sqrt(rng.random())
    angle = rng.uniform(0, 2 * math.pi)
    dlat = distance * math.cos(angle) / 111_195
    dlon = distance * math.sin(angle) / (111_195 * math.cos(math.radians(centre[0])))
    return round(centre[0] + dlat, 6), round(centre[1] + dlon, 6)


def _version(slug: str, city: City) -> ToolVersion:
    """The city's latest published version of the tool, else the generic one."""
    city_version = (
        ToolVersion.objects.for_city(city).published().filter(tool__slug=slug).order_by("-number")
    ).first()
    return city_version or ToolVersion.objects.generic(slug)


def _assessment(ref: str, slug: str, city: City, actor, **fields) -> Assessment:
    existing = Assessment.objects.filter(ref=ref).first()
    if existing is not None:
        return existing
    return create_assessment(actor, ref=ref, city=city, tool_version=_version(slug, city), **fields)


HOUSEHOLDS_PER_BLOCK = 12


def _store(assessment: Assessment, rows: list[tuple[dict, float | None]], actor) -> int:
    """Validate and insert the generated answers (deterministic ids: a rerun adds nothing)."""
    validator = AnswerValidator(assessment.instrument())
    base = datetime(2024, 2, 5, 9, 0, tzinfo=UTC)
    objects = []
    households: dict[str, int] = {}
    for index, (raw, weight) in enumerate(rows):
        clean, errors = validator.validate(raw)
        if errors:
            raise ValueError(f"demo answers for {assessment.ref} #{index} are invalid: {errors}")
        answers = json_answers(clean)
        point = answers.get("location")
        latitude, longitude = (point[0], point[1]) if isinstance(point, list) else (None, None)
        sex, age_band, settlement_type, category = profile_columns(answers)
        stratum = psu = ""
        if assessment.is_survey:
            # Two strata (informal and formal areas), blocks of 12 households as clusters.
            stratum = "informal-areas" if settlement_type == "informal" else "formal-areas"
            households[stratum] = households.get(stratum, 0) + 1
            psu = f"{stratum[:4]}-{(households[stratum] - 1) // HOUSEHOLDS_PER_BLOCK + 1:03d}"
        objects.append(
            Submission(
                assessment=assessment,
                uuid=str(uuid.uuid5(NAMESPACE, f"{assessment.ref}:{index}")),
                submitted_at=base + timedelta(minutes=37 * index),
                source=SubmissionSource.KOBO if assessment.is_survey else SubmissionSource.WEB,
                answers=answers,
                latitude=latitude,
                longitude=longitude,
                sex=sex,
                age_band=age_band,
                settlement_type=settlement_type,
                category=category,
                weight=weight,
                stratum=stratum,
                psu=psu,
                language="th",
                created_by=None if assessment.is_incident_report else actor,
            )
        )
    before = Submission.objects.filter(assessment=assessment).count()
    Submission.objects.bulk_create(objects, batch_size=500, ignore_conflicts=True)
    return Submission.objects.filter(assessment=assessment).count() - before


def _audit_rows(rng: random.Random, settlements: list) -> list[tuple[dict, None]]:
    rows: list[tuple[dict, None]] = []
    for index in range(SPOTS):
        if index < 55:
            place, point = "lane", _near(rng, DARK_LANE, 260)
        elif index < 110:
            place, point = "market", _near(rng, MARKET, 260)
        else:
            place = "other"
            point = (
                round(rng.uniform(AUDIT_AREA[0], AUDIT_AREA[1]), 6),
                round(rng.uniform(AUDIT_AREA[2], AUDIT_AREA[3]), 6),
            )
        danger = max(
            math.exp(-_metres(point, DARK_LANE) / 220), math.exp(-_metres(point, MARKET) / 220)
        )
        informal = any(_inside(point, s.outline) for s in settlements)
        visits = ["after_dark"] + (["daytime"] if rng.random() < 0.4 else [])
        description = rng.choice(DESCRIPTIONS[place])
        for time_of_day in visits:
            night = time_of_day == "after_dark"
            quality = 2.3 - 2.0 * danger - (0.4 if informal else 0) - (0.3 if night else -0.4)
            ratings = {}
            for parameter in PARAMETER_LEVELS:
                if parameter == "feeling":
                    continue
                spread = 0.9 if parameter in ("lighting", "visibility", "people") else 1.3
                bias = -0.3 if parameter == "lighting" and night else 0.0
                value = quality + bias + rng.gauss(0, spread * 0.5)
                ratings[parameter] = min(3, max(0, round(value)))
            mean = (ratings["lighting"] * 2 + ratings["people"] + ratings["visibility"]) / 4
            ratings["feeling"] = min(3, max(0, round(mean + rng.gauss(0, 0.45))))
            answers = {
                "audit_date": (date(2024, 2, 6) + timedelta(days=index % 40)).isoformat(),
                "time_of_day": time_of_day,
                "walk_group": rng.choice(["womens_group", "mixed_community", "youth_group"]),
                "location": f"{point[0]} {point[1]} 0 6",
                "spot_description": description,
            }
            for parameter, value in ratings.items():
                answers[parameter] = PARAMETER_LEVELS[parameter][value]
            if ratings["lighting"] == 0:
                answers["comments"] = (
                    "No working street light; the group walked with phone torches. (demo)"
                )
            rows.append((answers, None))
    return rows


def _inside(point: tuple[float, float], outline: dict | None) -> bool:
    from safercities.diagnosis.geo import point_in_polygon

    return point_in_polygon(point[1], point[0], outline)


SURVEY_RATES = {
    # crime: (formal, informal) yearly prevalence for women; men use the male factor
    "theft_personal": (0.10, 0.19, 1.0),
    "burglary": (0.04, 0.09, 1.0),
    "robbery": (0.025, 0.06, 1.3),
    "assault_threat": (0.04, 0.09, 1.4),
    "sexual_offence": (0.07, 0.15, 0.25),
}
AGE_FACTORS = {
    "age_16_24": 1.4, "age_25_34": 1.2, "age_35_44": 1.0,
    "age_45_54": 0.8, "age_55_64": 0.7, "age_65_plus": 0.6,
}  # fmt: skip


def _survey_rows(rng: random.Random, per_incident: bool = True) -> list[tuple[dict, float]]:
    """Respondents; with ``per_incident`` (generic version 2 on) the follow-up questions are
    asked per incident in the ``incidents`` repeat (one to three incidents per crime)."""
    rows = []
    for _index in range(RESPONDENTS):
        # Settlement type is the sampling stratum, recorded by the interviewer: always known.
        settlement = rng.choices(["informal", "formal"], [0.44, 0.56])[0]
        sex = rng.choices(["female", "male", "other", "no_answer"], [0.53, 0.45, 0.01, 0.01])[0]
        age = rng.choices(list(AGE_FACTORS), [0.2, 0.22, 0.2, 0.17, 0.12, 0.09])[0]
        informal = settlement == "informal"
        answers: dict = {
            "sex": sex,
            "age_band": age,
            "household_size": rng.randint(1, 9),
            "settlement_type": settlement,
            "tenure": rng.choice(
                ["owner", "renter", "no_documents"] if informal else ["owner", "renter"]
            ),
            "income_band": rng.choice(
                ["lowest", "low", "middle"] if informal else ["low", "middle", "high"]
            ),
            "dv_consent": "no",
        }
        for crime, (formal_rate, informal_rate, male_factor) in SURVEY_RATES.items():
            rate = informal_rate if informal else formal_rate
            rate *= AGE_FACTORS[age] * (male_factor if sex == "male" else 1.0)
            roll = rng.random()
            answer = "yes" if roll < rate else ("dont_know" if roll > 0.985 else "no")
            answers[crime] = answer
            if answer == "yes" and per_incident:
                entries = answers.setdefault("incidents", [])
                for _time in range(rng.choices([1, 2, 3], [0.7, 0.22, 0.08])[0]):
                    reported = rng.random() < (0.22 if informal else 0.38)
                    entry = {
                        "incident_crime": crime,
                        "incident_reported": "yes" if reported else "no",
                    }
                    if crime != "burglary":
                        entry["incident_where"] = rng.choice(
                            ["home", "neighbourhood", "transport", "market", "city"]
                        )
                    if not reported:
                        entry["incident_why_not"] = rng.sample(
                            [
                                "police_would_not",
                                "not_serious",
                                "fear_reprisal",
                                "too_far",
                                "shame",
                            ],
                            2,
                        )
                    entries.append(entry)
            elif answer == "yes":
                if crime != "burglary":
                    answers[f"{crime}_where"] = rng.choice(
                        ["home", "neighbourhood", "transport", "market", "city"]
                    )
                reported = rng.random() < (0.22 if informal else 0.38)
                answers[f"{crime}_reported"] = "yes" if reported else "no"
                if not reported:
                    answers[f"{crime}_why_not"] = " ".join(
                        rng.sample(
                            [
                                "police_would_not",
                                "not_serious",
                                "fear_reprisal",
                                "too_far",
                                "shame",
                            ],
                            2,
                        )
                    )
        unsafe = (0.55 if informal else 0.3) + (0.12 if sex == "female" else 0)
        feeling = rng.random()
        if feeling < unsafe * 0.45:
            answers["fear_after_dark"] = "very_unsafe"
        elif feeling < unsafe:
            answers["fear_after_dark"] = "bit_unsafe"
        else:
            answers["fear_after_dark"] = rng.choice(["fairly_safe", "very_safe"])
        answers["trust_police"] = rng.choice(["1", "2", "3"] if informal else ["2", "3", "4"])
        # Informal settlements were oversampled: their respondents weigh less.
        weight = round((0.75 if informal else 1.2) * rng.uniform(0.9, 1.1), 3)
        rows.append((answers, weight))
    return rows


def _incident_rows(rng: random.Random) -> list[tuple[dict, None]]:
    rows = []
    start = datetime(2024, 3, 1, 19, 0, tzinfo=UTC)
    for index in range(INCIDENTS):
        roll = rng.random()
        if roll < 0.45:
            point = _near(rng, DARK_LANE, 170)
            category = rng.choice(
                ["harassment", "harassment", "poor_lighting", "assault", "unsafe_place"]
            )
        elif roll < 0.8:
            point = _near(rng, MARKET, 170)
            category = rng.choice(["theft", "theft", "harassment", "unsafe_place"])
        else:
            point = (
                round(rng.uniform(AUDIT_AREA[0] - 0.02, AUDIT_AREA[1] + 0.02), 6),
                round(rng.uniform(AUDIT_AREA[2] - 0.03, AUDIT_AREA[3] + 0.02), 6),
            )
            category = rng.choice(["theft", "harassment", "unsafe_place", "poor_lighting"])
        moment = start + timedelta(hours=7 * index + rng.randint(0, 6))
        rows.append(
            (
                {
                    "category": category,
                    "occurred_at": moment.isoformat(),
                    "location": f"{point[0]} {point[1]} 0 12",
                    "description": "Invented report for the demo.",
                    "involvement": rng.choice(["happened_to_me", "witnessed", "place"]),
                    "contact_ok": "no",
                },
                None,
            )
        )
    return rows


def _services(out) -> int:
    count = 0
    for city_slug, services in SERVICES.items():
        city = City.objects.filter(slug=city_slug).first()
        if city is None:
            continue
        for order, (name, phone, url, description, languages) in enumerate(services):
            SupportService.objects.update_or_create(
                city=city,
                name=name,
                defaults={
                    "phone": phone,
                    "url": url,
                    "description": description,
                    "languages": languages,
                    "order": order,
                },
            )
            count += 1
    return count


def load(out) -> None:
    services = _services(out)
    bangkok = City.objects.filter(slug="bangkok").first()
    if bangkok is None:
        out.write("diagnosis: no Bangkok in the places demo; assessments skipped\n")
        return
    actor = User.objects.filter(email="team.bangkok@demo.safercities.invalid").first()
    rng = random.Random(SEED)
    settlements = list(bangkok.settlements.exclude(outline=None))
    audit = _assessment(
        "demo-bkk-safety-walks-2024", "womens-safety-audit", bangkok, actor,
        title="Khlong Toei women's safety walks, 2024 (demo)",
        description="Invented demo data: safety walks by women's groups around Khlong Toei, "
        "after dark and in daytime.",
        start=date(2024, 2, 1), end=date(2024, 4, 30), is_open=False,
    )  # fmt: skip
    survey = _assessment(
        "demo-bkk-victimization-2024", "victimization-survey", bangkok, actor,
        title="Bangkok victimization survey, 2024 (demo)",
        description="Invented demo data: 1,200 household interviews in blocks of 12 "
        "households, stratified by informal and formal areas, informal settlements "
        "oversampled (see the weights).",
        start=date(2024, 2, 1), end=date(2024, 5, 31), is_open=False,
    )  # fmt: skip
    incidents = _assessment(
        "demo-bkk-incident-reports", "incident-report", bangkok, actor,
        title="Report an incident in Bangkok (demo)",
        description="Anyone can report harassment, crime or an unsafe place, anonymously.",
        start=date(2024, 3, 1), end=None, is_open=True,
    )  # fmt: skip
    created = _store(audit, _audit_rows(rng, settlements), actor)
    per_incident = bool(survey.instrument().repeats)  # an older demo keeps version 1
    created += _store(survey, _survey_rows(rng, per_incident), actor)
    created += _store(incidents, _incident_rows(rng), actor)
    phnom_penh = City.objects.filter(slug="phnom-penh").first()
    if phnom_penh is not None:
        _assessment(
            "demo-pp-incident-reports", "incident-report", phnom_penh,
            User.objects.filter(email="team.phnompenh@demo.safercities.invalid").first(),
            title="Report an incident in Phnom Penh (demo)",
            description="Anyone can report harassment, crime or an unsafe place, anonymously.",
            start=date(2024, 3, 1), end=None, is_open=True,
        )  # fmt: skip
    out.write(
        f"diagnosis: {Assessment.objects.filter(ref__startswith='demo-').count()} demo "
        f"assessments, {created} new submissions, {services} support services\n"
    )
