"""The list page: latest published first, filters by type, theme and language."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(make_resource, theme, other_theme):
    return [
        make_resource(
            title="Thai audit guide", language="th", resource_type="guide", themes=[theme]
        ),
        make_resource(
            title="Lamp case study", language="en", resource_type="case_study", themes=[other_theme]
        ),
        make_resource(
            title="Audit report", language="en", resource_type="research", themes=[theme]
        ),
    ]


def titles(client, **params) -> list[str]:
    page = client.get("/library/", params).context["page"]
    return sorted(resource.title for resource in page.object_list)


def test_filters_narrow_the_list(client, shelf, theme):
    assert titles(client, type="case_study") == ["Lamp case study"]
    assert titles(client, theme=theme.slug) == ["Audit report", "Thai audit guide"]
    assert titles(client, language="th") == ["Thai audit guide"]
    assert titles(client, theme=theme.slug, language="en") == ["Audit report"]


def test_unknown_filter_values_are_ignored(client, shelf):
    assert len(titles(client, type="poem", language="xx", theme="nothing")) == 3


def test_the_detail_page_shows_metadata_and_a_share_link(client, make_resource, theme, city_a):
    resource = make_resource(
        title="Safety walk guide", year=2019, publisher="Demo publisher", themes=[theme],
        cities=[city_a], countries=["TH"], body="Walk **together**.", language="en",
    )  # fmt: skip
    body = client.get(resource.get_absolute_url()).content.decode()
    for text in ("2019", "Demo publisher", "<strong>together</strong>", "Bangkok", "Thailand"):
        assert text in body, text
    url = f"http://testserver/library/{resource.pk}/"
    assert f'value="{url}"' in body
    assert "https://wa.me/?text=Safety%20walk%20guide%20http%3A//testserver/library/" in body
    assert "mailto:?subject=Safety%20walk%20guide" in body


def test_the_list_and_detail_pages_use_a_bounded_number_of_queries(
    client, make_resource, theme, city_a, django_assert_max_num_queries
):
    resources = [
        make_resource(themes=[theme], cities=[city_a], countries=["TH"]) for _ in range(25)
    ]
    with django_assert_max_num_queries(12):
        client.get("/library/")
    with django_assert_max_num_queries(14):
        client.get(resources[0].get_absolute_url())
