"""Demo organisations and one invented account per role. Every name here is invented."""

from allauth.account.models import EmailAddress
from django.utils import timezone

from safercities.accounts.enums import OrganisationType
from safercities.accounts.models import (
    CityTeamMembership,
    Organisation,
    OrganisationMembership,
    User,
)
from safercities.places.models import City
from safercities.taxonomy.models import Theme

DEMO_PASSWORD = "demo-safer-2026"  # noqa: S105 - printed for the demo on purpose

ORGANISATIONS = [
    ("bkk-safety-office", "Bangkok City Safety Office (demo)", "BCSO", OrganisationType.LOCAL_GOVERNMENT, "TH", "bangkok"),
    ("pp-municipal-social-affairs", "Phnom Penh Social Affairs Unit (demo)", "PPSA", OrganisationType.LOCAL_GOVERNMENT, "KH", "phnom-penh"),
    ("khlong-toei-women-network", "Khlong Toei Women's Network (demo)", "KTWN", OrganisationType.COMMUNITY_BASED, "TH", "bangkok"),
    ("korail-youth-forum", "Korail Youth Forum (demo)", "KYF", OrganisationType.COMMUNITY_BASED, "BD", "dhaka"),
    ("safe-streets-asia", "Safe Streets Asia (demo NGO)", "SSA", OrganisationType.CIVIL_SOCIETY, "ID", "jakarta"),
    ("local-gov-training-institute", "Regional Local Government Training Institute (demo)", "RLGTI", OrganisationType.TRAINING_RESEARCH, "PH", "quezon-city"),
    ("ministry-interior-demo", "Ministry of Interior, Urban Safety Desk (demo)", "MOI-USD", OrganisationType.NATIONAL_GOVERNMENT, "VN", "hanoi"),
    ("regional-cities-network", "Regional Network of Local Authorities (demo)", "RNLA", OrganisationType.REGIONAL_UN, "TH", "bangkok"),
    ("urban-safety-lab", "Urban Safety Lab, Mekong University (demo)", "USL", OrganisationType.ACADEMIC, "KH", "phnom-penh"),
]  # fmt: skip

# email, name, role description, organisation, city, flags, team city, languages, themes
PEOPLE = [
    ("member@demo.safercities.invalid", "Mali Demo-Member", "member", "khlong-toei-women-network", "bangkok", {}, None, ["th", "en"], ["womens-safety"]),
    ("editor@demo.safercities.invalid", "Ekkachai Demo-Editor", "editor", "regional-cities-network", "bangkok", {"is_editor": True}, None, ["en", "th"], ["un-guidelines", "safety-planning"]),
    ("team.bangkok@demo.safercities.invalid", "Busaba Demo-Team", "city team (Bangkok)", "bkk-safety-office", "bangkok", {}, "bangkok", ["th", "en"], ["street-lighting", "womens-safety"]),
    ("team.phnompenh@demo.safercities.invalid", "Dara Demo-Team", "city team (Phnom Penh)", "pp-municipal-social-affairs", "phnom-penh", {}, "phnom-penh", ["km", "en"], ["slum-upgrading", "youth"]),
    ("trainer@demo.safercities.invalid", "Tala Demo-Trainer", "trainer", "local-gov-training-institute", "quezon-city", {"is_trainer": True}, None, ["fil", "en"], ["un-guidelines"]),
    ("admin@demo.safercities.invalid", "Ari Demo-Admin", "site admin", "regional-cities-network", "bangkok", {"is_superuser": True, "is_staff": True}, None, ["en"], []),
]  # fmt: skip


def load(out) -> None:
    cities = {c.slug: c for c in City.objects.all()}
    organisations = {}
    for slug, name, acronym, kind, country, city in ORGANISATIONS:
        organisations[slug], _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "acronym": acronym,
                "kind": kind,
                "country_id": country,
                "city": cities.get(city),
                "description": "An invented organisation for the demo.",
            },
        )
    for email, name, role, org, city, flags, team_city, languages, themes in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
        user.name = name
        user.position = f"Demo {role}"
        user.organisation = organisations[org]
        user.city = cities.get(city)
        user.languages = languages
        user.is_demo = True
        user.bio = "An invented person for the demo."
        user.contact_visible = role == "member"
        for flag, value in flags.items():
            setattr(user, flag, value)
        user.save()
        user.themes.set(Theme.objects.filter(slug__in=themes))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        # confirmed memberships; the city-team people administer their office's page
        OrganisationMembership.objects.update_or_create(
            user=user,
            organisation=organisations[org],
            defaults={"confirmed_at": timezone.now(), "is_admin": bool(team_city)},
        )
        if team_city:
            CityTeamMembership.objects.get_or_create(
                user=user, city=cities[team_city], defaults={"is_lead": True}
            )
    out.write(f"accounts: {len(ORGANISATIONS)} demo organisations, {len(PEOPLE)} demo accounts\n")


def print_logins(out) -> None:
    out.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})\n")
    for email, _name, role, *_ in PEOPLE:
        out.write(f"  {role:<24} {email}\n")
    out.write("  visitor                  (no login: browse without an account)\n")
