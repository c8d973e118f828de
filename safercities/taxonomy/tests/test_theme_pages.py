"""Editors add themes and name them in every language, without /admin."""

import pytest
from django.conf import settings
from django.utils import translation

from safercities.core.models import AuditLogEntry
from safercities.taxonomy.models import Theme

pytestmark = pytest.mark.django_db


def test_an_editor_adds_a_theme_with_its_thai_and_khmer_names(client_for, editor):
    response = client_for(editor).post(
        "/themes/new/",
        {
            "name": "Safe public transport",
            "name_th": "ขนส่งสาธารณะที่ปลอดภัย",
            "name_km": "ការដឹកជញ្ជូនសាធារណៈដែលមានសុវត្ថិភាព",
        },
    )
    assert response["Location"] == "/themes/"
    theme = Theme.objects.get(slug="safe-public-transport")
    with translation.override("th"):
        assert theme.display_name == "ขนส่งสาธารณะที่ปลอดภัย"
    with translation.override("vi"):
        assert theme.display_name == "Safe public transport"  # falls back to English
    assert AuditLogEntry.objects.filter(action="theme.created", actor=editor).exists()


def test_an_editor_corrects_a_seeded_themes_translation(client_for, editor):
    theme = Theme.objects.get(slug="street-lighting")
    client = client_for(editor)
    page = client.get(f"/themes/{theme.slug}/edit/").content.decode()
    assert 'lang="th"' in page
    client.post(
        f"/themes/{theme.slug}/edit/", {"name": theme.name, "name_vi": "Chiếu sáng đường phố"}
    )
    theme.refresh_from_db()
    assert theme.name_translations == {"vi": "Chiếu sáng đường phố"}
    with translation.override("vi"):
        assert theme.display_name == "Chiếu sáng đường phố"


def test_a_duplicate_theme_name_is_refused(client_for, editor):
    existing = Theme.objects.first()
    response = client_for(editor).post("/themes/new/", {"name": existing.name.upper()})
    assert "exists already" in response.content.decode()


def test_members_cannot_manage_themes(client_for, member):
    assert client_for(member).get("/themes/").status_code == 403
    assert client_for(member).post("/themes/new/", {"name": "X"}).status_code == 403
    assert not Theme.objects.filter(name="X").exists()


def test_every_interface_language_has_a_name_field(client_for, editor):
    html = client_for(editor).get("/themes/new/").content.decode()
    for code, _name in settings.LANGUAGES:
        if code != "en":
            assert f'name="name_{code}"' in html
