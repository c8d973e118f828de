"""Generic crime victimization survey, after the International Crime Victims Survey (ICVS).

One submission per respondent. Screeners use a 12-month reference period. As the ICVS
asks, the follow-up questions (where, reported to the police, why not) are asked **per
incident**: a repeat group ``incidents`` with one entry per incident, whose crime must be one
the respondent said happened. (Version 1 of the generic tool asked them about the last
incident of each crime, as ``<crime>_where`` / ``_reported`` / ``_why_not``; assessments and
city versions based on it keep working.) Survey weights are not questions: they come from a
``weight`` column of the imported data.
"""

from __future__ import annotations

from ..model import Group, Instrument, Question
from ._dsl import EN, choices, group, q

SLUG = "victimization-survey"

#: Screener name → (screener question, where-question label or None, reported label).
SCREENERS: dict[str, tuple[str, str | None, str]] = {
    "theft_personal": (
        "In the past 12 months, has anyone stolen something you were carrying, such as a "
        "bag, purse, wallet or mobile phone, without using force?",
        "Where did the last theft happen?",
        "Did you or anyone else report the last theft to the police?",
    ),
    "burglary": (
        "In the past 12 months, has anyone broken into your home, or got in without "
        "permission, and stolen or tried to steal something?",
        None,
        "Did you or anyone else report the last break-in to the police?",
    ),
    "robbery": (
        "In the past 12 months, has anyone taken or tried to take something from you by "
        "using force or threatening you?",
        "Where did the last robbery happen?",
        "Did you or anyone else report the last robbery to the police?",
    ),
    "assault_threat": (
        "Apart from what you have already mentioned, in the past 12 months has anyone "
        "attacked you, or threatened you in a way that really frightened you?",
        "Where did the last attack or threat happen?",
        "Did you or anyone else report the last attack or threat to the police?",
    ),
    "sexual_offence": (
        "In the past 12 months, has anyone grabbed, touched or harassed you sexually, or "
        "forced you into sexual activity you did not want, in a public place, on transport, "
        "at work or anywhere else?",
        "Where did the last incident of sexual harassment or assault happen?",
        "Did you or anyone else report the last incident of sexual harassment or assault "
        "to the police?",
    ),
}

_NONE_ALONE = "not(selected(., 'none') and count-selected(.) > 1)"


#: Screener name → its short name for the incident follow-up.
CRIME_TYPES: dict[str, str] = {
    "theft_personal": "Theft of something I was carrying",
    "burglary": "Break-in at home",
    "robbery": "Robbery (force or threats)",
    "assault_threat": "Attack or threat",
    "sexual_offence": "Sexual harassment or assault",
}
#: The incident's crime must be one the respondent said happened.
_CRIME_HAPPENED = " or ".join(f"(. = '{name}' and ${{{name}}} = 'yes')" for name in SCREENERS)


def _screener_questions() -> list[Question]:
    questions = [
        q(
            name,
            "select_one",
            label,
            choice_list="yes_no_dk",
            required=True,
            core=True,
            group="screeners",
        )
        for name, (label, _, _) in SCREENERS.items()
    ]
    questions += [
        q(
            "incident_crime",
            "select_one",
            "What happened in this incident?",
            hint="One entry per incident in the past 12 months. Add an entry for each one.",
            choice_list="crime_type",
            required=True,
            constraint=_CRIME_HAPPENED,
            constraint_message="Choose a crime the respondent said happened in the past 12 months.",
            group="incidents",
        ),
        q(
            "incident_where",
            "select_one",
            "Where did it happen?",
            choice_list="place",
            required=True,
            relevant="${incident_crime} != 'burglary'",
            group="incidents",
        ),
        q(
            "incident_reported",
            "select_one",
            "Did you or anyone else report this incident to the police?",
            choice_list="yes_no",
            required=True,
            group="incidents",
        ),
        q(
            "incident_why_not",
            "select_multiple",
            "Why was it not reported to the police?",
            hint="Select all that apply.",
            choice_list="not_reported_reason",
            relevant="${incident_reported} = 'no'",
            group="incidents",
        ),
    ]
    return questions


def build_english() -> Instrument:
    questions = [
        q(
            "intro",
            "note",
            "Read the consent statement to the respondent. Continue only if they agree to "
            "take part.",
            group="profile",
        ),
        q("sex", "select_one", "Sex", choice_list="sex", required=True, core=True, group="profile"),
        q(
            "age_band",
            "select_one",
            "Age",
            choice_list="age_band",
            required=True,
            core=True,
            group="profile",
        ),
        q(
            "household_size",
            "integer",
            "How many people live in your household, including you?",
            constraint=". >= 1 and . <= 30",
            constraint_message="Enter a number from 1 to 30.",
            required=True,
            group="profile",
        ),
        q(
            "settlement_type",
            "select_one",
            "Is this home in an informal settlement or a formal neighbourhood?",
            choice_list="settlement",
            required=True,
            core=True,
            group="profile",
        ),
        q(
            "tenure",
            "select_one",
            "Do you own or rent your home?",
            choice_list="tenure",
            group="profile",
        ),
        q(
            "income_band",
            "select_one",
            "Compared with other households in this city, is your household income…",
            hint="Local versions may replace these bands with local currency ranges.",
            choice_list="income_band",
            group="profile",
        ),
        q("district", "text", "District or neighbourhood", group="profile"),
        *_screener_questions(),
        q(
            "dv_consent",
            "select_one",
            "The next questions are about violence by a partner or family member. You may "
            "skip them. Would you like to continue?",
            hint="Ask only if no one else can hear. If the interview is not private, select No.",
            choice_list="yes_no",
            required=True,
            group="dv",
        ),
        q(
            "dv_experienced",
            "select_one",
            "In the past 12 months, has a partner, former partner or family member hit, "
            "slapped, kicked or pushed you, hurt you in another way, or threatened to hurt you?",
            choice_list="yes_no_dk",
            required=True,
            relevant="${dv_consent} = 'yes'",
            group="dv",
        ),
        q(
            "dv_help",
            "select_multiple",
            "Did you tell anyone or seek help?",
            hint="Select all that apply.",
            constraint="not(selected(., 'nobody') and count-selected(.) > 1)",
            constraint_message="'No one' cannot be combined with other answers.",
            choice_list="help_source",
            relevant="${dv_experienced} = 'yes'",
            group="dv",
        ),
        q(
            "dv_support",
            "note",
            "Thank you. If you need support, you can contact the services listed on the card "
            "I will give you.",
            relevant="${dv_consent} = 'yes'",
            group="dv",
        ),
        q(
            "fear_after_dark",
            "select_one",
            "How safe do you feel walking alone in your area after dark?",
            choice_list="safety_feeling",
            required=True,
            core=True,
            group="perceptions",
        ),
        q(
            "avoid_places",
            "select_one",
            "In the past 12 months, have you avoided certain streets or places because you "
            "felt unsafe?",
            choice_list="yes_no",
            group="perceptions",
        ),
        q(
            "trust_police",
            "select_one",
            "How much do you trust the police in your area?",
            choice_list="trust",
            group="perceptions",
        ),
        q(
            "trust_local_gov",
            "select_one",
            "How much do you trust your local government?",
            choice_list="trust",
            group="perceptions",
        ),
        q(
            "prevention",
            "select_multiple",
            "Which of these does your household use to protect itself from crime?",
            hint="Select all that apply.",
            constraint=_NONE_ALONE,
            constraint_message="'None of these' cannot be combined with other answers.",
            choice_list="prevention",
            group="protection",
        ),
    ]
    return Instrument(
        slug=SLUG,
        title={EN: "Crime victimization survey"},
        version=1,
        default_language=EN,
        languages=[EN],
        questions=questions,
        choice_lists=_choice_lists(),
        scoring={
            "method": "weighted_prevalence",
            "screeners": list(SCREENERS),
            "yes": "yes",
            "weight_column": "weight",
        },
        description={
            EN: "A household survey, adapted from the International Crime Victims Survey, "
            "that measures how many residents experienced common crimes in the past 12 "
            "months, whether they reported them, how safe they feel and how much they trust "
            "the police and local government."
        },
        guidance={
            EN: "Interview one adult (16 or older) per household, in private, after reading "
            "the consent statement. Keep to the 12-month reference period. Ask the optional "
            "module on violence by a partner or family member only if the respondent agrees "
            "and no one else can hear. Never press for details, and give every respondent "
            "the card with local support contacts."
        },
        groups=[
            group("profile", "About you"),
            group("screeners", "Experiences of crime in the past 12 months"),
            Group("incidents", {EN: "Incidents in the past 12 months"}, repeat=True),
            group("dv", "Violence by a partner or family member (optional)"),
            group("perceptions", "Safety and trust"),
            group("protection", "Protection"),
        ],
    )


def _choice_lists() -> dict[str, list]:
    return {
        "sex": choices(
            ("female", "Female"),
            ("male", "Male"),
            ("other", "Another gender"),
            ("no_answer", "Prefer not to say"),
        ),
        "age_band": choices(
            ("age_16_24", "16–24"),
            ("age_25_34", "25–34"),
            ("age_35_44", "35–44"),
            ("age_45_54", "45–54"),
            ("age_55_64", "55–64"),
            ("age_65_plus", "65 or older"),
        ),
        "settlement": choices(
            ("informal", "Informal settlement"),
            ("formal", "Formal neighbourhood"),
            ("dont_know", "Don't know"),
        ),
        "tenure": choices(
            ("owner", "Owner"),
            ("renter", "Renter"),
            ("rent_free", "Live rent-free (family or employer)"),
            ("no_documents", "Occupy without documents"),
            ("other", "Other"),
        ),
        "income_band": choices(
            ("lowest", "Much lower than most"),
            ("low", "Somewhat lower"),
            ("middle", "About average"),
            ("high", "Higher than most"),
            ("no_answer", "Prefer not to say"),
        ),
        "yes_no": choices(("yes", "Yes"), ("no", "No")),
        "yes_no_dk": choices(
            ("yes", "Yes"),
            ("no", "No"),
            ("dont_know", "Don't know"),
            ("no_answer", "Prefer not to answer"),
        ),
        "crime_type": choices(*CRIME_TYPES.items()),
        "place": choices(
            ("home", "At or near home"),
            ("neighbourhood", "Elsewhere in my neighbourhood"),
            ("city", "Elsewhere in this city"),
            ("transport", "On or waiting for public transport"),
            ("work_school", "At work or school"),
            ("market", "At a market or shop"),
            ("outside_city", "Outside this city"),
        ),
        "not_reported_reason": choices(
            ("not_serious", "Not serious enough"),
            ("solved", "Solved it myself"),
            ("police_could_not", "Police could not do anything"),
            ("police_would_not", "Police would not do anything"),
            ("fear_police", "Fear or dislike of the police"),
            ("cost", "Would have to pay"),
            ("too_far", "Police station too far"),
            ("fear_reprisal", "Fear of revenge by the offender"),
            ("shame", "Embarrassment or shame"),
            ("other", "Other reason"),
        ),
        "help_source": choices(
            ("nobody", "No one"),
            ("family_friends", "Family or friends"),
            ("community_leader", "Community or religious leader"),
            ("police", "Police"),
            ("health", "Health worker"),
            ("women_org", "Women's organization or helpline"),
            ("other", "Other"),
        ),
        "safety_feeling": choices(
            ("very_safe", "Very safe"),
            ("fairly_safe", "Fairly safe"),
            ("bit_unsafe", "A bit unsafe"),
            ("very_unsafe", "Very unsafe"),
            scores=[4, 3, 2, 1],
        ),
        "trust": choices(
            ("1", "No trust at all"),
            ("2", "Not much trust"),
            ("3", "Some trust"),
            ("4", "A lot of trust"),
            scores=[1, 2, 3, 4],
        ),
        "prevention": choices(
            ("door_locks", "Special door locks"),
            ("window_bars", "Window bars or grilles"),
            ("fence", "High fence or wall"),
            ("dog", "A dog"),
            ("guard", "Paid guard or watchman"),
            ("community_watch", "Neighbourhood watch or community patrol"),
            ("outdoor_light", "Outdoor lighting"),
            ("avoid_dark", "Avoid going out after dark"),
            ("accompanied", "Go out with others"),
            ("carry_protection", "Carry something for protection"),
            ("none", "None of these"),
        ),
    }
