"""Project-wide checks: migrations, every page's shape, languages, page weight."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = ("admin/", "api/")  # the admin is Django's; the API answers JSON (own tests)
# JSON health check; POST-only actions
NOT_PAGES = {"healthz", "readyz", "language/", "profile/tokens/", "library/feed/"}
# Pages for a role the plain member does not hold: the member sees the 403 page.
RESTRICTED = {
    "/audit-log/",
    "/library/review/",
    "/cities/new/",
    "/themes/",
    "/themes/new/",
    "/library/import/",
    "/network/moderation/",
    "/training/new/",
}
# Pages that send a person elsewhere because there is nothing to do there for them.
EXPECTED_REDIRECTS = {
    ("visitor", "/accounts/logout/"): "/",
    ("member", "/accounts/login/"): "/profile/",
    ("member", "/accounts/signup/"): "/profile/",
    ("member", "/accounts/login/code/confirm/"): "/profile/",
    ("member", "/accounts/password/set/"): "/accounts/password/change/",
    ("member", "/library/notifications/"): "/notifications/",
}


def _routes(patterns=None, prefix=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern):
            full = prefix + route
            if "<" not in full and "(?P" not in full and not full.startswith("^"):
                yield full


def page_urls() -> list[str]:
    urls = sorted(
        {
            "/" + route
            for route in _routes()
            if not route.startswith(SKIP_PREFIXES) and route not in NOT_PAGES
        }
    )
    assert len(urls) > 10
    return urls


def _h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def test_no_migrations_are_missing():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_every_page_without_arguments_answers_with_one_h1_and_the_right_lang(who, client, member):
    if who == "member":
        client.force_login(member)
    for url in page_urls():
        response = client.get(url)
        if response.status_code == 302:
            location = response["Location"]
            expected = EXPECTED_REDIRECTS.get((who, url))
            assert location == expected or location.startswith("/accounts/login/"), (url, location)
            continue
        expected_status = 403 if who == "member" and url in RESTRICTED else 200
        assert response.status_code == expected_status, (url, response.status_code)
        html = response.content.decode()
        assert _h1_count(html) == 1, (url, _h1_count(html))
        assert '<html lang="en"' in html, url


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES if code != "en"])
def test_each_shipped_language_renders_the_home_page_translated(client, code):
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    html = client.get("/").content.decode()
    bcp47 = {"zh-hans": "zh-Hans"}.get(code, code)
    assert f'<html lang="{bcp47}"' in html
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    english_heading = re.search(r"<h1>(.*?)</h1>", english, re.S).group(1)
    assert heading.strip() and heading != english_heading
    assert "Skip to content" not in html
    assert "What the Hub offers" not in html


def test_the_home_page_with_its_css_js_and_images_weighs_at_most_100_kb(client):
    html = client.get("/").content
    total = len(html)
    assets = re.findall(rb'(?:href|src)="/static/([^"]+)"', html)
    assert assets, "the home page should reference its stylesheet and script"
    for asset in assets:
        path = finders.find(asset.decode())
        assert path, asset
        total += Path(path).stat().st_size
    assert total <= 100 * 1024, total


def test_pages_load_no_assets_from_other_hosts(client):
    html = client.get("/").content.decode()
    assert not re.search(r'(?:href|src)="(?:https?:)?//', html)
