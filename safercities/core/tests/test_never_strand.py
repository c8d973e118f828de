"""Pages that never strand a user: login help once, the language switcher in the header."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_login_page_offers_forgot_your_password_once(client):
    html = client.get("/accounts/login/").content.decode()
    assert html.count("Forgot your password?") == 1


def test_the_header_links_to_the_language_switcher(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="km").content.decode()
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    assert 'href="#language-select"' in header
    assert "ខ្មែរ" in header  # the current language, named in itself
    assert 'id="language-select"' in html


def test_the_hold_ctrl_hint_is_marked_for_mouse_users_only(client_for, member):
    html = client_for(member).get("/library/new/").content.decode()
    assert '<span class="pointer-hint">Hold Ctrl (or ⌘) to choose several.</span>' in html
