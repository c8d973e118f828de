"""Editors curate collections: ordered selections of resources."""

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from safercities.core.audit import record
from safercities.library.models import Collection, CollectionItem, Resource

COLLECTION_FIELDS = ("title", "slug", "description", "is_published")


def save_collection(actor, collection: Collection | None, fields: dict) -> Collection:
    creating = collection is None
    collection = collection or Collection(created_by=actor)
    for name, value in fields.items():
        if name not in COLLECTION_FIELDS:
            raise ValueError(f"not a collection field: {name}")
        setattr(collection, name, value)
    if not collection.slug:
        collection.slug = slugify(collection.title)[:80] or "collection"
    with transaction.atomic():
        collection.save()
        action = "collection.created" if creating else "collection.updated"
        record(actor, action, collection, fields=sorted(fields))
    return collection


def add_to_collection(actor, collection: Collection, resource: Resource) -> bool:
    """Append ``resource`` at the end; False when it is already in the collection."""
    with transaction.atomic():
        if collection.items.filter(resource=resource).exists():
            return False
        last = collection.items.aggregate(last=Max("position"))["last"]
        CollectionItem.objects.create(
            collection=collection, resource=resource, position=(last or 0) + 1
        )
        record(actor, "collection.resource_added", collection, resource=resource.pk)
    return True


def remove_from_collection(actor, collection: Collection, item: CollectionItem) -> None:
    with transaction.atomic():
        record(actor, "collection.resource_removed", collection, resource=item.resource_id)
        item.delete()


def move_item(actor, collection: Collection, item: CollectionItem, offset: int) -> bool:
    """Move an item up (-1) or down (+1); False when it is already at that end."""
    with transaction.atomic():
        items = list(collection.items.select_for_update().order_by("position", "id"))
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        target = index + offset
        if not 0 <= target < len(items):
            return False
        items[index], items[target] = items[target], items[index]
        for position, other in enumerate(items, start=1):
            other.position = position
        CollectionItem.objects.bulk_update(items, ["position"])
        record(actor, "collection.reordered", collection, resource=item.resource_id)
    return True
