"""Generic women's safety audit (safety walk): one submission per audited spot.

The nine parameters and their four levels follow the women's safety audit method
(Jagori; Safetipin): each is rated 0 (least safe) to 3 (safest) and carries a
``score_parameter`` so that spots can be scored and mapped.
"""

from __future__ import annotations

from ..model import Instrument
from ._dsl import EN, choices, group, q, rating

SLUG = "womens-safety-audit"

PARAMETERS = (
    "lighting",
    "openness",
    "visibility",
    "people",
    "security",
    "walk_path",
    "public_transport",
    "gender_usage",
    "feeling",
)


def _parameter(name: str, label: str, hint: str) -> object:
    return q(
        name,
        "select_one",
        label,
        hint=hint,
        choice_list=f"{name}_level",
        required=True,
        core=True,
        group="ratings",
        score_parameter=name,
    )


def build_english() -> Instrument:
    questions = [
        q("audit_date", "date", "Date of the walk", required=True, group="walk"),
        q(
            "time_of_day",
            "select_one",
            "Time of day",
            choice_list="time_of_day",
            required=True,
            core=True,
            group="walk",
        ),
        q(
            "walk_group",
            "select_one",
            "Who is walking?",
            choice_list="walk_group",
            required=True,
            group="walk",
        ),
        q(
            "location",
            "geopoint",
            "Location of this spot",
            hint="Stand at the spot and wait until the accuracy is 10 metres or better.",
            required=True,
            core=True,
            group="spot",
        ),
        q(
            "spot_description",
            "text",
            "Short description of the spot",
            hint="A landmark or short description, for example 'bus stop behind the market'.",
            group="spot",
        ),
        _parameter(
            "lighting",
            "Lighting",
            "Can you see clearly around you, including faces and the path ahead?",
        ),
        _parameter(
            "openness",
            "Openness",
            "Can you see and move freely in all directions, or are there blind corners "
            "and places where someone could hide?",
        ),
        _parameter(
            "visibility",
            "Visibility",
            "Can people in nearby shops, stalls, homes or windows see you?",
        ),
        _parameter("people", "People", "How many people are around at this time?"),
        _parameter(
            "security",
            "Security",
            "Are police, guards, a community patrol or other security present nearby?",
        ),
        _parameter(
            "walk_path",
            "Walk path",
            "Is there a footpath or lane you can walk on, free of holes, flooding, "
            "parked vehicles and other obstacles?",
        ),
        _parameter(
            "public_transport",
            "Public transport",
            "How far is the nearest bus stop, station, pier or motorcycle-taxi stand?",
        ),
        _parameter(
            "gender_usage",
            "Gender usage",
            "Are women and girls present and using this space?",
        ),
        _parameter("feeling", "Feeling", "Overall, how safe does the group feel at this spot?"),
        q(
            "comments",
            "text",
            "Comments",
            hint="What makes this spot feel safe or unsafe? What would make it safer?",
            appearance="multiline",
            group="observations",
        ),
        q(
            "photo",
            "image",
            "Photo of the spot",
            hint="Do not photograph people's faces.",
            group="observations",
        ),
    ]
    choice_lists = {
        "time_of_day": choices(
            ("daytime", "Daytime"), ("dusk", "Dusk"), ("after_dark", "After dark")
        ),
        "walk_group": choices(
            ("womens_group", "Women's group"),
            ("mixed_community", "Mixed community group"),
            ("youth_group", "Youth group"),
            ("officials_residents", "Officials with residents"),
            ("other", "Other"),
        ),
        "lighting_level": rating(
            ("none", "No lighting"),
            ("poor", "Poor"),
            ("adequate", "Adequate"),
            ("bright", "Bright"),
        ),
        "openness_level": rating(
            ("closed", "Closed in"),
            ("partly", "Partly open"),
            ("mostly", "Mostly open"),
            ("fully", "Fully open"),
        ),
        "visibility_level": rating(
            ("none", "Not visible"),
            ("little", "A little visible"),
            ("some", "Fairly visible"),
            ("high", "Highly visible"),
        ),
        "people_level": rating(
            ("deserted", "Deserted"),
            ("few", "Few people"),
            ("some_crowd", "Some crowd"),
            ("crowded", "Crowded"),
        ),
        "security_level": rating(
            ("none", "None"), ("minimal", "Minimal"), ("moderate", "Moderate"), ("high", "High")
        ),
        "walk_path_level": rating(
            ("none", "No path"), ("poor", "Poor"), ("fair", "Fair"), ("good", "Good")
        ),
        "public_transport_level": rating(
            ("none", "None"),
            ("far", "Far"),
            ("nearby", "Nearby"),
            ("very_close", "Very close"),
        ),
        "gender_usage_level": rating(
            ("men_only", "Only men"),
            ("few_women", "Few women"),
            ("some_women", "Some women"),
            ("balanced", "Women and men in balance"),
        ),
        "feeling_level": rating(
            ("frightening", "Frightening"),
            ("uncomfortable", "Uncomfortable"),
            ("acceptable", "Acceptable"),
            ("comfortable", "Comfortable"),
        ),
    }
    return Instrument(
        slug=SLUG,
        title={EN: "Women's safety audit (safety walk)"},
        version=1,
        default_language=EN,
        languages=[EN],
        questions=questions,  # type: ignore[arg-type]
        choice_lists=choice_lists,
        scoring={
            "method": "parameter_mean",
            "parameters": list(PARAMETERS),
            "min": 0,
            "max": 3,
            "higher_is_safer": True,
        },
        description={
            EN: "A structured walk in which women, with residents and local officials, "
            "rate the safety of public spaces spot by spot on nine parameters and record "
            "photos and comments to guide improvements."
        },
        guidance={
            EN: "Walk in small groups led by women who use the area, at the times they feel "
            "least safe, including after dark. At each spot, agree on one rating for each "
            "parameter, take a photo without faces, and note what would make the spot safer. "
            "Never put participants at risk: walk together, inform local leaders beforehand, "
            "and stop if anyone feels unsafe."
        },
        groups=[
            group("walk", "About this walk"),
            group("spot", "The spot"),
            group("ratings", "Safety ratings"),
            group("observations", "Observations"),
        ],
    )
