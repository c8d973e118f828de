from safercities.instruments.diff import (
    Change,
    ChangeKind,
    SideBySideRow,
    check_localization,
    diff_versions,
    side_by_side,
)
from safercities.instruments.generic import generic_instrument
from safercities.instruments.model import Choice, Question

from .helpers import clone


def bangkok_version():
    """A plausible local adaptation of the safety audit that stays comparable."""
    version = generic_instrument("womens-safety-audit")
    version.slug = "womens-safety-audit-bangkok"
    version.question("lighting").label["th"] = "ไฟส่องสว่างบนถนน"
    version.questions = [q for q in version.questions if q.name != "spot_description"]
    flood = Question(
        "flood_risk",
        "select_one",
        {"en": "Does this spot flood?", "th": "จุดนี้น้ำท่วมหรือไม่"},
        choice_list="yes_no",
        group="observations",
    )
    version.questions.insert(len(version.questions) - 2, flood)
    version.choice_lists["yes_no"] = [
        Choice("yes", {"en": "Yes", "th": "ใช่"}),
        Choice("no", {"en": "No", "th": "ไม่ใช่"}),
    ]
    version.choice_lists["lighting_level"][1].label["en"] = "Dim"
    version.question("comments").relevant = "${feeling} != 'comfortable'"
    version.languages.append("lo")
    version.title["lo"] = "ການກວດສອບຄວາມປອດໄພຂອງແມ່ຍິງ"
    return version


def test_an_unchanged_copy_has_no_changes_and_no_localization_errors():
    generic = generic_instrument("victimization-survey")

    assert diff_versions(generic, clone(generic)) == []
    assert check_localization(generic, clone(generic)) == []


def test_diff_lists_additions_removals_rewording_relabelling_and_new_languages():
    generic = generic_instrument("womens-safety-audit")

    changes = diff_versions(generic, bangkok_version())

    assert changes == [
        Change(ChangeKind.TRANSLATION_ADDED, language="lo"),
        Change(ChangeKind.QUESTION_REMOVED, question="spot_description"),
        Change(
            ChangeKind.QUESTION_REWORDED,
            question="lighting",
            language="th",
            old="แสงสว่าง",
            new="ไฟส่องสว่างบนถนน",
            core=True,
        ),
        Change(
            ChangeKind.RELEVANCE_CHANGED,
            question="comments",
            old=None,
            new="${feeling} != 'comfortable'",
        ),
        Change(ChangeKind.QUESTION_ADDED, question="flood_risk"),
        Change(
            ChangeKind.CHOICE_RELABELLED,
            choice_list="lighting_level",
            choice="poor",
            language="en",
            old="Poor",
            new="Dim",
            core=True,
        ),
    ]


def test_rewording_and_relabelling_core_questions_is_allowed():
    generic = generic_instrument("womens-safety-audit")

    assert check_localization(generic, bangkok_version()) == []


def test_removing_or_retyping_core_questions_is_refused():
    generic = generic_instrument("victimization-survey")
    version = clone(generic)
    version.questions = [q for q in version.questions if q.name != "sex"]
    version.question("fear_after_dark").type = "select_multiple"

    errors = check_localization(generic, version)

    assert errors == [
        "Core question 'sex' was removed.",
        "Core question 'fear_after_dark' changed type from select_one to select_multiple.",
    ]


def test_changing_the_choices_or_scores_of_a_core_question_is_refused():
    generic = generic_instrument("womens-safety-audit")
    version = clone(generic)
    version.choice_lists["people_level"].append(Choice("packed", {"en": "Packed"}, 3))
    version.choice_lists["feeling_level"] = version.choice_lists["feeling_level"][1:]
    version.choice_lists["lighting_level"][0].score = 1
    version.question("openness").core = False
    version.question("visibility").score_parameter = "seen"
    version.scoring["parameters"] = [
        "seen" if p == "visibility" else p for p in version.scoring["parameters"]
    ]

    errors = check_localization(generic, version)

    assert errors == [
        "Core question 'lighting' changed the score of choice 'none'.",
        "Core question 'openness' is no longer marked core.",
        "Core question 'visibility' changed its score parameter.",
        "Core question 'people' has new choices: packed.",
        "Core question 'feeling' lost choices: frightening.",
    ]
    kinds = {change.kind for change in diff_versions(generic, version)}
    assert {ChangeKind.CHOICE_ADDED, ChangeKind.CHOICE_REMOVED} <= kinds
    assert {ChangeKind.CHOICE_SCORE_CHANGED, ChangeKind.CORE_CHANGED} <= kinds
    assert ChangeKind.SCORE_PARAMETER_CHANGED in kinds


def test_moving_a_core_question_to_a_renamed_list_with_the_same_choices_is_allowed():
    generic = generic_instrument("womens-safety-audit")
    version = clone(generic)
    version.choice_lists["light"] = version.choice_lists.pop("lighting_level")
    version.question("lighting").choice_list = "light"

    assert check_localization(generic, version) == []
    assert Change(
        ChangeKind.CHOICE_LIST_CHANGED,
        question="lighting",
        old="lighting_level",
        new="light",
        core=True,
    ) in diff_versions(generic, version)


def test_an_invalid_version_is_refused_with_its_problems():
    generic = generic_instrument("incident-report")
    version = clone(generic)
    version.question("contact").relevant = "${nobody} = 'yes'"

    (error,) = check_localization(generic, version)

    assert error.startswith("Invalid definition: Question 'contact' relevant: refers to ${nobody}")


def test_side_by_side_pairs_labels_in_one_language_with_the_kind_of_change():
    generic = generic_instrument("womens-safety-audit")
    rows = side_by_side(generic, bangkok_version(), "th")
    by_key = {(row.question, row.choice): row for row in rows}

    assert by_key[("lighting", None)] == SideBySideRow(
        "lighting", None, "แสงสว่าง", "ไฟส่องสว่างบนถนน", "question_reworded", True
    )
    assert by_key[("lighting", "poor")].kind == "unchanged"  # relabelled in English only
    assert by_key[("spot_description", None)].version_label is None
    assert by_key[("spot_description", None)].kind == "question_removed"
    assert by_key[("flood_risk", None)] == SideBySideRow(
        "flood_risk", None, None, "จุดนี้น้ำท่วมหรือไม่", "question_added"
    )
    assert by_key[("comments", None)].kind == "relevance_changed"
    assert by_key[("people", "crowded")].kind == "unchanged"
    order = [row.question for row in rows if row.choice is None]
    assert order.index("location") < order.index("spot_description") < order.index("lighting")
    assert order.index("flood_risk") < order.index("comments")


def test_side_by_side_in_english_shows_a_relabelled_choice_and_fallback_labels():
    generic = generic_instrument("womens-safety-audit")
    rows = side_by_side(generic, bangkok_version(), "en")
    poor = next(row for row in rows if (row.question, row.choice) == ("lighting", "poor"))

    assert (poor.generic_label, poor.version_label, poor.kind) == (
        "Poor",
        "Dim",
        "choice_relabelled",
    )
    lao = side_by_side(generic, bangkok_version(), "lo")
    assert next(row for row in lao if row.question == "feeling").generic_label == "Feeling"
