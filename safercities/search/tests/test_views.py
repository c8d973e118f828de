"""The search page: results, facets, messages, hostile input, htmx fragment, city option."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from safercities.search.tests.hostile import HOSTILE_QUERIES

pytestmark = pytest.mark.django_db
URL = "/search/"


@pytest.fixture
def documents(make_document):
    make_document(
        title="Street lighting guide", text="Lighting <script>alert(1)</script> in markets.",
        object_id=21, type="guide", themes=["street-lighting"], countries=["TH"], language="en",
    )  # fmt: skip
    make_document(
        title="ไฟส่องสว่างในชุมชน", text="ความปลอดภัยของผู้หญิง", object_id=22, language="th",
        type="research", countries=["TH"],
    )  # fmt: skip
    make_document(
        title="Lighting the lanes", text="A practice.", kind="practice", object_id=23,
        type="practice", countries=["KH"], language="km", flags=["replicable"],
    )  # fmt: skip


def page(client, **params) -> str:
    """The page's HTML, with the <mark> tags of highlights removed (see marked_page)."""
    return marked_page(client, **params).replace("<mark>", "").replace("</mark>", "")


def marked_page(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_lists_results_with_badges_snippets_and_facet_counts(client, documents):
    html = marked_page(client, q="lighting")
    assert "Street <mark>lighting</mark> guide" in html
    assert "<mark>Lighting</mark> &lt;script&gt;" in html
    html = html.replace("<mark>", "").replace("</mark>", "")
    assert html.count("<h1") == 1
    assert '<label for="search-q">' in html
    assert "2 results" in html
    assert "Street lighting guide" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert re.search(r'value="guide"[^>]*>\s*<span>Guide</span> <span class="count">\(1\)', html)
    assert 'badge-practice">Practice' in html


def test_a_thai_query_finds_the_thai_resource(client, documents):
    html = page(client, q="ความปลอดภัย")
    assert "ไฟส่องสว่างในชุมชน" in html
    assert "1 result" in html


def test_browsing_without_a_query_lists_everything(client, documents):
    html = page(client)
    assert "3 resources and practices" in html


def test_a_filter_checkbox_stays_checked_and_narrows_the_results(client, documents):
    html = page(client, q="lighting", kind="practice")
    assert "1 result" in html
    assert re.search(r'name="kind" value="practice" checked', html)
    assert "Street lighting guide" not in html


def test_no_results_and_nothing_to_search_have_clear_messages(client, documents):
    assert "No results." in page(client, q="flooding")
    html = page(client, q="the ?!")
    assert "Type at least one word" in html


def test_invalid_filters_are_explained_and_the_search_still_runs(client, documents):
    html = page(client, q="lighting", year_from="abc", country="ZZ", page="0")
    assert "Some filters could not be used" in html
    assert "year_from" in html and "country" in html and "page" in html
    assert "2 results" in html


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_render_a_page(client, documents, query):
    page(client, q=query)


def test_invalid_utf8_in_the_address_still_renders(client, documents):
    response = client.get(URL, QUERY_STRING="q=%ED%A0%80%FF&type=%01")
    assert response.status_code == 200


def test_results_are_paginated(client, make_document):
    for n in range(25):
        make_document(title=f"Flood report {n}", object_id=1000 + n)
    first = page(client, q="flood")
    assert "Page 1 of 2" in first
    assert 'rel="next"' in first
    second = page(client, q="flood", page="2")
    assert second.count('class="result"') == 5


def test_an_htmx_request_gets_only_the_results_panel(client, documents):
    response = client.get(URL, {"q": "lighting"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert "Street <mark>lighting</mark> guide" in html
    assert re.search(r'id="search-status"[^>]*hx-swap-oob="true">2 results', html)
    assert "HX-Request" in response["Vary"]


def test_a_city_ranking_source_ranks_by_fit_and_hides_other_kinds(
    client, documents, make_document, city_a, ranked_source
):
    make_document(title="Lighting in alleys", kind="practice", object_id=24, type="practice")
    html = page(client, q="lighting", city=city_a.slug)
    assert "Street lighting guide" not in html
    assert html.index("Lighting in alleys") < html.index("Lighting the lanes")
    assert "Bangkok" in html


def test_the_search_box_include_renders_a_labelled_get_form(rf: RequestFactory):
    html = Template('{% include "search/_box.html" %}').render(Context({}))
    assert 'method="get"' in html and 'action="/search/"' in html
    assert '<label for="site-search"' in html and 'name="q"' in html


def test_a_registered_flag_is_a_checkbox_with_its_count_that_filters(
    client, documents, ranked_source
):
    html = page(client, q="lighting")
    assert 'name="flag" value="replicable"' in html and "Replicable only" in html
    assert "(1)" in html.split("Replicable only")[1][:40]
    filtered = page(client, q="lighting", flag="replicable")
    assert "Lighting the lanes" in filtered and "Street lighting guide" not in filtered
    assert page(client, q="lighting", replicable="1").count("Street lighting guide") == 0


def test_each_hit_shows_the_label_its_source_registered(client, documents, ranked_source):
    html = page(client, q="lanes")
    assert '<span class="badge badge-practice">Practice</span>' in html
