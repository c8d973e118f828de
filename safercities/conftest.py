"""Named people and factory fixtures shared by every app's tests.

People: ``visitor`` (anonymous), ``member``, ``editor``, ``trainer``, ``site_admin``,
``team_a`` (city team of ``city_a``, Bangkok) and ``team_b`` (city team of ``city_b``,
Phnom Penh). Factories take keyword-only options and return saved objects.
"""

import itertools

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser

from safercities.accounts.enums import OrganisationType
from safercities.accounts.models import CityTeamMembership, Organisation, User
from safercities.places.models import City, Country, District, InformalSettlement

_counter = itertools.count(1)
PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture(autouse=True)
def _seeded_rows(request):
    """Put back the rows migrations seed (countries, themes) when a transactional (browser)
    test's closing flush has emptied them, so every test starts from a normal database.
    """
    marker = request.node.get_closest_marker("django_db")
    names = request.fixturenames
    if marker is None and "db" not in names and "transactional_db" not in names:
        return
    request.getfixturevalue("_django_db_helper" if marker else "db")
    if Country.objects.exists():
        return
    import importlib

    from django.apps import apps

    for module in (
        "safercities.places.migrations.0002_seed_countries",
        "safercities.taxonomy.migrations.0002_seed_themes",
    ):
        importlib.import_module(module).seed(apps, None)


@pytest.fixture
def make_city(db):
    def make(*, name: str | None = None, country: str = "TH", pilot: bool = False, **extra) -> City:
        n = next(_counter)
        name = name or f"Test City {n}"
        return City.objects.create(
            slug=extra.pop("slug", f"test-city-{n}"),
            name=name,
            country_id=country,
            is_pilot=pilot,
            population=extra.pop("population", 1_000_000),
            latitude=extra.pop("latitude", 13.75),
            longitude=extra.pop("longitude", 100.5),
            **extra,
        )

    return make


@pytest.fixture
def make_settlement(db):
    def make(*, city: City, name: str | None = None, district: District | None = None, **extra):
        return InformalSettlement.objects.create(
            city=city, name=name or f"Settlement {next(_counter)}", district=district, **extra
        )

    return make


@pytest.fixture
def make_organisation(db):
    def make(*, name: str | None = None, kind: str = OrganisationType.CIVIL_SOCIETY, **extra):
        n = next(_counter)
        return Organisation.objects.create(
            slug=f"org-{n}", name=name or f"Organisation {n}", kind=kind, **extra
        )

    return make


@pytest.fixture
def make_user(db):
    def make(*, email: str | None = None, name: str = "", verified: bool = True, **extra) -> User:
        email = email or f"person{next(_counter)}@example.org"
        user = User.objects.create_user(email=email, password=PASSWORD, name=name, **extra)
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        return user

    return make


@pytest.fixture
def city_a(make_city) -> City:
    return make_city(name="Bangkok", slug="bangkok", country="TH", pilot=True)


@pytest.fixture
def city_b(make_city) -> City:
    return make_city(name="Phnom Penh", slug="phnom-penh", country="KH", pilot=True)


@pytest.fixture
def visitor() -> AnonymousUser:
    return AnonymousUser()


@pytest.fixture
def member(make_user) -> User:
    return make_user(email="member@example.org", name="Test Member")


@pytest.fixture
def editor(make_user) -> User:
    return make_user(email="editor@example.org", name="Test Editor", is_editor=True)


@pytest.fixture
def trainer(make_user) -> User:
    return make_user(email="trainer@example.org", name="Test Trainer", is_trainer=True)


@pytest.fixture
def site_admin(make_user) -> User:
    return make_user(email="admin@example.org", name="Test Admin", is_superuser=True, is_staff=True)


@pytest.fixture
def team_a(make_user, city_a) -> User:
    user = make_user(email="team.a@example.org", name="Team A Person")
    CityTeamMembership.objects.create(user=user, city=city_a)
    return user


@pytest.fixture
def team_b(make_user, city_b) -> User:
    user = make_user(email="team.b@example.org", name="Team B Person")
    CityTeamMembership.objects.create(user=user, city=city_b)
    return user


@pytest.fixture
def client_for(client):
    """``client_for(user)`` → a test client logged in as ``user`` (or anonymous for None)."""

    def login(user):
        client.logout()
        if user is not None and user.is_authenticated:
            client.force_login(user)
        return client

    return login


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def _chromium():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    import os

    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls
    # are still synchronous, so allow them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone_page(_chromium):
    """A page the size of a small Android phone (360 × 740)."""
    context = _chromium.new_context(viewport={"width": 360, "height": 740}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
