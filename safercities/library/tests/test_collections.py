"""Editors curate collections; readers see published collections with published resources."""

import pytest

from safercities.library.enums import ResourceStatus
from safercities.library.models import Collection

pytestmark = pytest.mark.django_db


@pytest.fixture
def kit(editor, make_resource):
    from safercities.library import curation

    collection = curation.save_collection(
        editor, None, {"title": "Starter kit: women's safety audits", "is_published": True}
    )
    first = make_resource(title="First step")
    second = make_resource(title="Second step")
    hidden = make_resource(title="Still a draft", status=ResourceStatus.DRAFT)
    for resource in (first, second, hidden):
        curation.add_to_collection(editor, collection, resource)
    return collection


def test_a_published_collection_shows_its_published_resources_in_order(client, kit):
    assert kit.slug == "starter-kit-womens-safety-audits"
    body = client.get(kit.get_absolute_url()).content.decode()
    assert body.index("First step") < body.index("Second step")
    assert "Still a draft" not in body
    assert kit.title.replace("'", "&#x27;") in client.get("/library/collections/").content.decode()


def test_an_unpublished_collection_is_hidden_from_readers(client_for, member, editor, kit):
    kit.is_published = False
    kit.save()
    for user in (None, member):
        assert client_for(user).get(kit.get_absolute_url()).status_code == 404
        assert (
            kit.get_absolute_url()
            not in client_for(user).get("/library/collections/").content.decode()
        )
    assert client_for(editor).get(kit.get_absolute_url()).status_code == 200


def test_editors_create_collections_and_members_cannot(client_for, member, editor):
    assert client_for(member).post("/library/collections/", {"title": "Mine"}).status_code == 403
    response = client_for(editor).post(
        "/library/collections/", {"title": "Lighting basics", "description": "Start here."}
    )
    collection = Collection.objects.get(title="Lighting basics")
    assert response["Location"] == f"/library/collections/{collection.slug}/edit/"
    assert not collection.is_published


def test_editors_add_reorder_and_remove_resources(client_for, editor, kit, make_resource):
    client = client_for(editor)
    extra = make_resource(title="Third step")
    client.post(
        f"/library/collections/{kit.slug}/add/",
        {"resource": f"http://testserver/library/{extra.pk}/"},
    )
    titles = lambda: [item.resource.title for item in kit.items.select_related("resource")]  # noqa: E731
    assert titles() == ["First step", "Second step", "Still a draft", "Third step"]
    last = kit.items.get(resource=extra)
    client.post(f"/library/collections/{kit.slug}/items/{last.pk}/", {"action": "up"})
    assert titles() == ["First step", "Second step", "Third step", "Still a draft"]
    first = kit.items.get(resource__title="First step")
    client.post(f"/library/collections/{kit.slug}/items/{first.pk}/", {"action": "up"})
    assert titles()[0] == "First step"  # already at the top
    client.post(f"/library/collections/{kit.slug}/items/{first.pk}/", {"action": "remove"})
    assert titles() == ["Second step", "Third step", "Still a draft"]


def test_adding_an_unknown_resource_or_twice_changes_nothing(client_for, editor, kit):
    client = client_for(editor)
    response = client.post(
        f"/library/collections/{kit.slug}/add/", {"resource": "999999"}, follow=True
    )
    assert "No resource has this address or number." in response.content.decode()
    first = kit.items.first().resource
    client.post(f"/library/collections/{kit.slug}/add/", {"resource": str(first.pk)})
    assert kit.items.count() == 3


def test_members_cannot_change_collections(client_for, member, kit):
    client = client_for(member)
    item = kit.items.first()
    assert client.get(f"/library/collections/{kit.slug}/edit/").status_code == 403
    assert (
        client.post(f"/library/collections/{kit.slug}/add/", {"resource": "1"}).status_code == 403
    )
    assert (
        client.post(
            f"/library/collections/{kit.slug}/items/{item.pk}/", {"action": "remove"}
        ).status_code
        == 403
    )
    assert kit.items.count() == 3


def test_the_resource_page_names_its_published_collections(client, kit):
    first = kit.items.first().resource
    assert kit.title.replace("'", "&#x27;") in client.get(first.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "posted",
    [{"title": "", "slug": ""}, {"title": "!!!", "slug": ""}, {"title": "Kit", "slug": "a b"}],
)
def test_a_collection_edit_without_a_usable_title_or_slug_shows_form_errors(
    client_for, editor, kit, posted
):
    slug = kit.slug
    response = client_for(editor).post(f"/library/collections/{slug}/edit/", posted)
    assert response.status_code == 200
    assert response.context["form"].errors
    kit.refresh_from_db()
    assert kit.slug == slug and kit.title
