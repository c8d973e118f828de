"""Atom feeds of newly published resources: overall and per theme."""

import xml.etree.ElementTree as ET

import pytest

from safercities.library.enums import ResourceStatus

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url: str) -> tuple[ET.Element, list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.tag == f"{ATOM}feed"
    return root, [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_the_feed_is_valid_atom_with_only_published_resources(client, member, make_resource):
    make_resource(title="Published guide", summary="Lighting steps.")
    make_resource(title="Draft guide", status=ResourceStatus.DRAFT, submitter=member)
    make_resource(title="Submitted guide", status=ResourceStatus.SUBMITTED)
    make_resource(title="Archived guide", status=ResourceStatus.ARCHIVED)
    root, titles = entries(client, "/library/feed/")
    assert titles == ["Published guide"]
    assert root.find(f"{ATOM}id") is not None and root.find(f"{ATOM}updated") is not None
    entry = next(root.iter(f"{ATOM}entry"))
    for tag in ("id", "updated", "link", "summary"):
        assert entry.find(f"{ATOM}{tag}") is not None, tag
    assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/library/")
    assert entry.find(f"{ATOM}summary").text == "Lighting steps."


def test_the_newest_resources_come_first(client, make_resource):
    from datetime import timedelta

    from django.utils import timezone

    make_resource(title="Older", published_at=timezone.now() - timedelta(days=3))
    make_resource(title="Newer", published_at=timezone.now())
    assert entries(client, "/library/feed/")[1] == ["Newer", "Older"]


def test_a_theme_feed_holds_only_that_theme(client, make_resource, theme, other_theme):
    make_resource(title="Audit guide", themes=[theme])
    make_resource(title="Lamp guide", themes=[other_theme])
    root, titles = entries(client, f"/library/themes/{theme.slug}/feed/")
    assert titles == ["Audit guide"]
    assert "Women" in root.find(f"{ATOM}title").text
    categories = [c.get("term") for c in root.iter(f"{ATOM}category")]
    assert theme.slug in categories


def test_an_unknown_theme_feed_is_a_404(client):
    assert client.get("/library/themes/no-such-theme/feed/").status_code == 404


def test_the_list_page_announces_its_feed(client):
    body = client.get("/library/").content.decode()
    assert 'type="application/atom+xml"' in body and 'href="/library/feed/"' in body


def test_a_control_character_in_one_title_does_not_break_the_feed(client, make_resource):
    make_resource(title="Lamp\x0b guide", summary="Steps\x01 and\x1b more", publisher="Ci\x1fty")
    make_resource(title="Plain guide")
    _root, titles = entries(client, "/library/feed/")
    assert sorted(titles) == ["Lamp guide", "Plain guide"]


def test_feed_summaries_are_plain_text_not_html(client, make_resource):
    make_resource(title="Guide", summary="<img src=x onerror=alert(1)>")
    root, _titles = entries(client, "/library/feed/")
    summary = next(root.iter(f"{ATOM}entry")).find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == "<img src=x onerror=alert(1)>"
