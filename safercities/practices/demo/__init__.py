"""Demo practices, reviewers, reviews and city concerns. Everything here is invented.

Idempotent: practices are keyed on their slug, indicators on (practice, name), reviewers on
their email, reviews and assignments on (practice, reviewer), concerns on the city.
"""

from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from safercities.accounts.demo import DEMO_PASSWORD
from safercities.accounts.models import Organisation, User
from safercities.library.models import Resource
from safercities.notifications.demo import add as demo_notification
from safercities.places.models import City
from safercities.practices.demo.practices_a import PRACTICES_A
from safercities.practices.demo.practices_b import PRACTICES_B
from safercities.practices.demo.practices_c import DRAFT, PRACTICES_C
from safercities.practices.demo.reviews import (
    CONCERNS,
    REVIEWERS,
    REVIEWS,
    WAITING,
    reason_for,
)
from safercities.practices.enums import PracticeStatus
from safercities.practices.models import (
    CityProfile,
    Indicator,
    Practice,
    Review,
    ReviewAssignment,
)
from safercities.practices.scoring import CRITERIA
from safercities.practices.services import refresh_replicability
from safercities.search.index import reindex_objects
from safercities.taxonomy.models import Theme

PRACTICES = PRACTICES_A + PRACTICES_B + PRACTICES_C
EDITOR = "editor@demo.safercities.invalid"
MEMBER = "member@demo.safercities.invalid"
CONTACTS = {
    "bangkok": "team.bangkok@demo.safercities.invalid",
    "phnom-penh": "team.phnompenh@demo.safercities.invalid",
}


def _practice(row: dict, *, status: str, proposer, cities, organisations, themes, contacts):
    city = cities.get(row["city"]) if row["city"] else None
    practice, _ = Practice.objects.update_or_create(
        slug=row["slug"],
        defaults={
            "title": row["title"],
            "city": city,
            "country_id": city.country_id if city else row["country"],
            "language": row["language"],
            "start_year": row["start"],
            "end_year": row.get("end"),
            "ongoing": row.get("ongoing", False),
            "problem": row["problem"],
            "context": row["context"],
            "what_was_done": row["done"],
            "target_groups": row["groups"],
            "approaches": row["approaches"],
            "principles": row["principles"],
            "other_partners": row["other_partners"],
            "cost_usd": row["cost"],
            "cost_band": row.get("band", ""),
            "funding": row["funding"],
            "results": row["results"],
            "evidence": row["evidence"],
            "lessons": row["lessons"],
            "transfer_conditions": row["transfer"],
            "status": status,
            "proposed_by": proposer,
            "contact": contacts.get(row["city"]),
        },
    )
    if status == PracticeStatus.PUBLISHED and practice.published_at is None:
        practice.published_at = timezone.now()
        practice.save(update_fields=["published_at"])
    practice.themes.set([themes[slug] for slug in row["themes"]])
    practice.partners.set([organisations[slug] for slug in row["partners"]])
    for name, baseline, result, unit, year in row["indicators"]:
        Indicator.objects.update_or_create(
            practice=practice,
            name=name,
            defaults={"baseline": baseline, "result": result, "unit": unit, "year": year},
        )
    if city is not None:
        about = (
            Resource.objects.published()
            .filter(cities=city, themes__slug__in=row["themes"])
            .distinct()
            .order_by("id")[:2]
        )
        practice.resources.add(*about)
    return practice


def _reviewers(cities, organisations, themes) -> list[User]:
    people = []
    for email, name, organisation, city, languages, expertise in REVIEWERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
        user.name = name
        user.position = "Demo reviewer"
        user.organisation = organisations.get(organisation)
        user.city = cities.get(city)
        user.languages = languages
        user.bio = "An invented person for the demo."
        user.is_demo = True
        user.save()
        user.themes.set([themes[slug] for slug in expertise])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        people.append(user)
    return people


def _reviews(practices: dict[str, Practice], reviewers: list[User], editor) -> None:
    for slug, reviews in REVIEWS.items():
        practice = practices[slug]
        for number, default, overrides in reviews:
            reviewer = reviewers[number - 1]
            ReviewAssignment.objects.get_or_create(
                practice=practice, reviewer=reviewer, defaults={"assigned_by": editor}
            )
            fields = {}
            for criterion in CRITERIA:
                score = overrides.get(criterion, default)
                fields[criterion] = score
                fields[f"{criterion}_reason"] = reason_for(criterion, score)
            Review.objects.update_or_create(practice=practice, reviewer=reviewer, defaults=fields)
        refresh_replicability(practice)
    for slug, numbers in WAITING.items():
        for number in numbers:
            ReviewAssignment.objects.get_or_create(
                practice=practices[slug], reviewer=reviewers[number - 1],
                defaults={"assigned_by": editor},
            )  # fmt: skip
            demo_notification(
                reviewers[number - 1],
                "practice.review_requested",
                practices[slug],
                actor=editor,
                url=reverse("practices:review", args=[slug]),
            )


def _concerns(cities, themes) -> None:
    for slug, (concerns, budget) in CONCERNS.items():
        if slug not in cities:
            continue
        profile, _ = CityProfile.objects.update_or_create(
            city=cities[slug], defaults={"budget_band": budget}
        )
        profile.concern_themes.set([themes[theme] for theme in concerns])


def load(out) -> None:
    cities = {c.slug: c for c in City.objects.all()}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    themes = {t.slug: t for t in Theme.objects.all()}
    users = {u.email: u for u in User.objects.filter(email__endswith="@demo.safercities.invalid")}
    editor, member = users.get(EDITOR), users.get(MEMBER)
    contacts = {city: users.get(email) for city, email in CONTACTS.items()}
    common = {"cities": cities, "organisations": organisations, "themes": themes}
    practices = {
        row["slug"]: _practice(
            row, status=PracticeStatus.PUBLISHED, proposer=editor, contacts=contacts, **common
        )
        for row in PRACTICES
    }
    draft = _practice(DRAFT, status=PracticeStatus.DRAFT, proposer=member, contacts={}, **common)
    reviewers = _reviewers(cities, organisations, themes)
    _reviews(practices, reviewers, editor)
    _concerns(cities, themes)
    reindex_objects([*practices.values(), draft])
    replicable = Practice.objects.filter(slug__in=practices, is_replicable=True).count()
    out.write(
        f"practices: {len(practices)} demo practices ({replicable} rated replicable) and 1 "
        f"draft, {len(REVIEWERS)} demo reviewers (password {DEMO_PASSWORD}): "
        + ", ".join(email for email, *_ in REVIEWERS)
        + "\n"
    )
