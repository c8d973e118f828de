"""Who sees what: visitor, the member who wrote it, another member, an editor."""

import re

import pytest

from safercities.library.enums import ResourceStatus
from safercities.library.models import Resource
from safercities.library.permissions import filter_resources_queryset

pytestmark = pytest.mark.django_db

PRIVATE = [
    ResourceStatus.DRAFT,
    ResourceStatus.SUBMITTED,
    ResourceStatus.CHANGES_REQUESTED,
    ResourceStatus.REJECTED,
]


@pytest.fixture
def other_member(make_user):
    return make_user(email="other@example.org", name="Other Member")


@pytest.mark.parametrize("status", PRIVATE)
def test_unpublished_resources_are_a_404_for_visitors_and_other_members(
    client_for, member, other_member, make_resource, status, pdf_bytes
):
    resource = make_resource(status=status, submitter=member, title="Secret draft", file=pdf_bytes)
    for user in (None, other_member):
        client = client_for(user)
        for url in (resource.get_absolute_url(), resource.get_download_url()):
            response = client.get(url)
            assert response.status_code == 404, (user, url)
            assert b"Secret draft" not in response.content
        assert client.get(f"/api/v1/resources/{resource.pk}").status_code == 404


@pytest.mark.parametrize("status", PRIVATE)
def test_the_author_and_editors_see_unpublished_resources(
    client_for, member, editor, make_resource, status
):
    resource = make_resource(status=status, submitter=member, title="Visible draft")
    for user in (member, editor):
        response = client_for(user).get(resource.get_absolute_url())
        assert response.status_code == 200
        assert "Visible draft" in response.content.decode()


def test_published_and_archived_resources_are_public(client, make_resource):
    published = make_resource(title="Open guide")
    archived = make_resource(title="Old guide", status=ResourceStatus.ARCHIVED)
    assert client.get(published.get_absolute_url()).status_code == 200
    body = client.get(archived.get_absolute_url()).content.decode()
    assert "archived" in body.lower()


def test_the_list_shows_only_published_resources(client, member, make_resource):
    make_resource(title="Published guide")
    make_resource(title="Archived guide", status=ResourceStatus.ARCHIVED)
    make_resource(title="Draft guide", status=ResourceStatus.DRAFT, submitter=member)
    client.force_login(member)
    body = client.get("/library/").content.decode()
    assert "Published guide" in body
    assert "Archived guide" not in body and "Draft guide" not in body


def test_the_queryset_filter_matches_the_rules(
    visitor, member, other_member, editor, make_resource
):
    mine = make_resource(status=ResourceStatus.DRAFT, submitter=member)
    public = make_resource()
    everything = Resource.objects.all()
    assert set(filter_resources_queryset(visitor, everything)) == {public}
    assert set(filter_resources_queryset(other_member, everything)) == {public}
    assert set(filter_resources_queryset(member, everything)) == {public, mine}
    assert set(filter_resources_queryset(editor, everything)) == {public, mine}


def test_library_pages_have_exactly_one_h1(client_for, member, editor, make_resource):
    resource = make_resource()
    draft = make_resource(status=ResourceStatus.SUBMITTED, submitter=member)
    pages = {
        None: ["/library/", resource.get_absolute_url(), "/library/collections/"],
        member: ["/library/new/", "/library/mine/", "/notifications/",
                 draft.get_absolute_url(), f"/library/{draft.pk}/edit/"],
        editor: ["/library/review/", draft.get_absolute_url(), "/library/collections/"],
    }  # fmt: skip
    for user, urls in pages.items():
        client = client_for(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code in (200, 403), url
            if response.status_code == 200:
                assert len(re.findall(r"<h1[\s>]", response.content.decode())) == 1, url


def test_members_may_not_open_the_review_queue(client_for, member, visitor):
    assert client_for(member).get("/library/review/").status_code == 403
    response = client_for(None).get("/library/review/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
