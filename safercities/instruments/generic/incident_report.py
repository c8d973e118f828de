"""Generic community incident / unsafe-spot report, anonymous unless the reporter opts in."""

from __future__ import annotations

from ..model import Instrument
from ._dsl import EN, choices, q

SLUG = "incident-report"


def build_english() -> Instrument:
    questions = [
        q(
            "category",
            "select_one",
            "What are you reporting?",
            choice_list="incident_category",
            required=True,
            core=True,
        ),
        q(
            "category_other",
            "text",
            "What kind of problem is it?",
            required=True,
            relevant="${category} = 'other'",
        ),
        q(
            "occurred_at",
            "datetime",
            "When did it happen, or when did you notice it?",
            required=True,
            core=True,
        ),
        q(
            "location",
            "geopoint",
            "Where did it happen?",
            hint="Stand at the place, or move the map pin to it.",
            required=True,
            core=True,
        ),
        q("place_description", "text", "Describe the place (landmark, street or building)"),
        q(
            "description",
            "text",
            "What happened?",
            hint="Please do not include names or details that could identify anyone.",
            appearance="multiline",
        ),
        q("involvement", "select_one", "How do you know about it?", choice_list="involvement"),
        q(
            "contact_ok",
            "select_one",
            "May we contact you about this report?",
            hint="Your report stays anonymous unless you choose Yes.",
            choice_list="yes_no",
            default="no",
        ),
        q(
            "contact",
            "text",
            "Phone number or email address",
            required=True,
            relevant="${contact_ok} = 'yes'",
        ),
    ]
    return Instrument(
        slug=SLUG,
        title={EN: "Incident and unsafe-spot report"},
        version=1,
        default_language=EN,
        languages=[EN],
        questions=questions,
        choice_lists={
            "incident_category": choices(
                ("harassment", "Harassment"),
                ("theft", "Theft"),
                ("assault", "Assault or violence"),
                ("unsafe_place", "Unsafe place"),
                ("poor_lighting", "Poor lighting"),
                ("other", "Other"),
            ),
            "involvement": choices(
                ("happened_to_me", "It happened to me"),
                ("witnessed", "I saw it happen"),
                ("heard", "Someone told me about it"),
                ("place", "It is about a place, not an event"),
            ),
            "yes_no": choices(("yes", "Yes"), ("no", "No")),
        },
        scoring={"method": "count_by_category", "category_question": "category"},
        description={
            EN: "A short form for residents to report harassment, crime or an unsafe place, "
            "so that the community and local government can see where problems concentrate. "
            "Reports are anonymous unless the reporter chooses to be contacted."
        },
        guidance={
            EN: "Reports are anonymous by default: do not ask for names. Publish only maps "
            "and counts, never individual reports or contact details. If someone is in "
            "danger now, help them reach emergency services first."
        },
    )
