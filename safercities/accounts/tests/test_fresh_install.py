"""A fresh Hub without demo data: the first site administrator, then the first steps."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from safercities.accounts.models import User
from safercities.places.models import City

pytestmark = pytest.mark.django_db


def test_check_says_how_to_create_the_first_site_admin():
    out = StringIO()
    call_command("create_site_admin", "--check", stdout=out)
    assert "manage.py create_site_admin --email" in out.getvalue()


def test_the_command_creates_a_confirmed_site_admin_who_can_log_in(client, monkeypatch):
    monkeypatch.setenv("SITE_ADMIN_PASSWORD", "a-long-setup-password-19")
    call_command(
        "create_site_admin",
        "--email",
        "Setup.Person@Example.org",
        "--name",
        "Setup Person",
        stdout=StringIO(),
    )
    admin = User.objects.get(email="setup.person@example.org")
    assert admin.is_superuser and admin.emailaddress_set.get().verified
    response = client.post(
        "/accounts/login/", {"login": admin.email, "password": "a-long-setup-password-19"}
    )
    assert response.status_code == 302
    out = StringIO()
    call_command("create_site_admin", "--check", stdout=out)
    assert "has a site administrator" in out.getvalue()


def test_the_command_refuses_a_weak_password_and_a_bad_address(monkeypatch):
    monkeypatch.setenv("SITE_ADMIN_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("create_site_admin", "--email", "a@example.org")
    with pytest.raises(CommandError):
        call_command("create_site_admin", "--email", "not-an-address")
    assert not User.objects.exists()


def test_an_empty_hub_tells_visitors_how_the_first_admin_is_made(client):
    html = client.get("/").content.decode()
    assert "has no site administrator yet" in html
    assert "create_site_admin" in html


def test_the_first_site_admin_sees_the_first_steps_until_they_are_done(
    client_for, site_admin, editor
):
    html = client_for(site_admin).get("/").content.decode()
    assert "Add your city" in html and "/cities/new/" in html
    response = client_for(site_admin).post(
        "/cities/new/",
        {"name": "Vientiane", "country": "LA", "latitude": "17.97", "longitude": "102.6"},
    )
    city = City.objects.get(name="Vientiane")
    assert response["Location"] == city.get_absolute_url()
    html = client_for(site_admin).get("/").content.decode()
    assert f"/cities/{city.slug}/team/" in html


def test_a_member_sees_no_setup_steps_and_cannot_add_a_city(client_for, site_admin, member):
    assert "Setting up this Hub" not in client_for(member).get("/").content.decode()
    assert client_for(member).get("/cities/new/").status_code == 403


def test_an_editor_adds_a_city_and_half_coordinates_are_refused(client_for, editor):
    client = client_for(editor)
    response = client.post("/cities/new/", {"name": "Suva", "country": "FJ", "latitude": "-18.1"})
    assert response.status_code == 200
    assert "Give both latitude and longitude" in response.content.decode()
    client.post("/cities/new/", {"name": "Suva", "country": "FJ"})
    client.post("/cities/new/", {"name": "Suva", "country": "FJ"})
    assert sorted(City.objects.values_list("slug", flat=True)) == ["suva", "suva-2"]
    response = client.post("/cities/suva/edit/", {"name": "Suva City", "country": "FJ"})
    assert City.objects.get(slug="suva").name == "Suva City"
