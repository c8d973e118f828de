"""Demo tool versions (invented adaptations, labelled as demo).

* Bangkok, women's safety audit: Thai + English, one added question (CCTV camera visible)
  and one reworded core question (walk path → footpath or soi), each with a reason.
* Bangkok, victimization survey: Thai + English, no other change.
* Phnom Penh, victimization survey: Khmer + English, no other change.

All three are published. Idempotent: a city that already has a version of a tool is skipped.
"""

from safercities.accounts.models import User
from safercities.instruments.model import Choice, Question
from safercities.places.models import City
from safercities.search.index import reindex_objects
from safercities.toolkit import services
from safercities.toolkit.models import Tool, ToolVersion

DEMO_REASON = "(Demo) "


def _actor(email: str):
    return User.objects.filter(email=email).first()


def _bangkok_audit(tool: Tool, city: City, actor) -> None:
    version = services.start_version(actor, tool, city, languages=["en", "th"])
    instrument = services.editable_copy(version)
    position = [q.name for q in instrument.questions].index("security") + 1
    instrument.questions.insert(
        position,
        Question(
            name="cctv_visible",
            type="select_one",
            label={"en": "Is there a CCTV camera visible?", "th": "มองเห็นกล้องวงจรปิดหรือไม่"},
            hint={
                "en": "Look up at poles, shop fronts and walls.",
                "th": "มองตามเสา หน้าร้าน และผนัง",
            },
            choice_list="cctv_visible_choices",
            group="ratings",
        ),
    )
    instrument.choice_lists["cctv_visible_choices"] = [
        Choice("yes_working", {"en": "Yes, it looks in working order", "th": "มี ดูเหมือนใช้งานได้"}),
        Choice("yes_broken", {"en": "Yes, but it looks broken", "th": "มี แต่ดูเหมือนชำรุด"}),
        Choice("no", {"en": "No", "th": "ไม่มี"}),
    ]
    services.save_definition(
        actor,
        version,
        instrument,
        reason=DEMO_REASON + "The district is installing CCTV along canal walkways; the team "
        "wants to map where cameras are visible and whether they seem to work.",
        action="tool_version.question_added",
        name="cctv_visible",
    )
    instrument = services.editable_copy(version)
    walk_path = instrument.question("walk_path")
    walk_path.label = {"en": "Walk path (footpath or soi)", "th": "ทางเดิน (ทางเท้าหรือซอย)"}
    services.save_definition(
        actor,
        version,
        instrument,
        reason=DEMO_REASON + "In Bangkok most walking happens in sois, where parked motorcycles "
        "and street stalls block the way; walkers did not count a soi as a 'walk path'.",
        action="tool_version.question_changed",
        name="walk_path",
    )
    services.publish_version(actor, version)


def _languages_only(languages: list[str]):
    def make(tool: Tool, city: City, actor) -> None:
        version = services.start_version(actor, tool, city, languages=languages)
        services.publish_version(actor, version)

    return make


VERSIONS = [
    ("womens-safety-audit", "bangkok", "team.bangkok@demo.safercities.invalid", _bangkok_audit),
    (
        "victimization-survey",
        "bangkok",
        "team.bangkok@demo.safercities.invalid",
        _languages_only(["en", "th"]),
    ),
    (
        "victimization-survey",
        "phnom-penh",
        "team.phnompenh@demo.safercities.invalid",
        _languages_only(["en", "km"]),
    ),
]


def load(out) -> None:
    created = services.ensure_generic_tools()
    reindex_objects(ToolVersion.objects.generic().published())
    made = 0
    for slug, city_slug, email, make in VERSIONS:
        tool = Tool.objects.get(slug=slug)
        city = City.objects.filter(slug=city_slug).first()
        if city is None or tool.versions.filter(city=city).exists():
            continue
        make(tool, city, _actor(email))
        made += 1
    out.write(
        f"toolkit: {Tool.objects.count()} tools ({len(created)} new generic versions), "
        f"{made} demo city versions\n"
    )
