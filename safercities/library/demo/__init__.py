"""Demo resources: 160 published items in eleven languages, three collections, a few
submissions from the demo member, small generated PDFs. Idempotent: keyed on ``ref``.

Every item is invented, published by "Demo publisher" and says "Demo content" in its text.
"""

import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from safercities.accounts.models import User
from safercities.library.demo.content import (
    AUDIENCE,
    COLLECTIONS,
    EXTRAS,
    KINDS,
    LANGUAGES,
    SUBMISSIONS,
    TOPICS,
)
from safercities.library.enums import ResourceStatus
from safercities.library.indexing import reindex_many
from safercities.library.models import Collection, CollectionItem, Resource
from safercities.library.pdf import minimal_pdf
from safercities.notifications.demo import add as demo_notification
from safercities.places.models import City
from safercities.taxonomy.models import Theme

PUBLISHER = "Demo publisher"
LICENCE = "CC BY 4.0 (demo)"
MEMBER_EMAIL = "member@demo.safercities.invalid"
EDITOR_EMAIL = "editor@demo.safercities.invalid"
PDF_EVERY = 10  # every tenth demo resource carries a generated PDF
_NAMESPACE = uuid.UUID("2f1d7a52-54c4-4f0e-9a51-5a6a3f0c1e10")


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _items() -> list[dict]:
    """Every demo resource as a dict, in a stable order (refs follow that order)."""
    items = []
    for language_index, (language, words) in enumerate(LANGUAGES.items()):
        for topic_index, (topic_key, themes, guide_type) in enumerate(TOPICS):
            kind = KINDS[(topic_index + language_index) % len(KINDS)]
            topic = words["topics"][topic_index]
            city_slug, city_name = words["cities"][topic_index % len(words["cities"])]
            title, summary = (
                template.format(topic=topic, Topic=_capitalise(topic), city=city_name)
                for template in words[kind]
            )
            case = kind == "case_study"
            group_key = f"{topic_key}-{kind}-{language if case else 'all'}"
            items.append(
                {
                    "topic": topic_key,
                    "language": language,
                    "title": title,
                    "summary": summary,
                    "body": f"{summary}\n\n{words['note']}\n\n*Demo content*",
                    "resource_type": guide_type if kind == "guide" else kind,
                    "themes": themes,
                    "cities": [city_slug] if case else [],
                    "country": words["country"],
                    "audience": AUDIENCE[kind],
                    "year": 2000 + (topic_index * 5 + language_index * 7) % 27,
                    "group": uuid.uuid5(_NAMESPACE, group_key),
                }
            )
    for key, kind, title, summary, themes, city in EXTRAS:
        items.append(
            {
                "topic": key,
                "language": "en",
                "title": title,
                "summary": summary,
                "body": f"{summary}\n\nDemo content: this text was invented to demonstrate the Hub.",
                "resource_type": kind,
                "themes": themes,
                "cities": [city] if city else [],
                "country": None,
                "audience": ["local_government", "researchers"],
                "year": 2023,
                "group": uuid.uuid5(_NAMESPACE, key),
            }
        )
    for number, item in enumerate(items, start=1):
        item["ref"] = f"demo-res-{number:03d}"
    return items


def _attach_pdf(resource: Resource, item: dict) -> None:
    if resource.file and resource.file.storage.exists(resource.file.name):
        return
    data = minimal_pdf(
        "Safer Cities Hub - Demo content",
        f"Reference: {item['ref']}",
        f"Language: {item['language']}, type: {item['resource_type']}, year: {item['year']}",
        "This document was generated for the demonstration.",
    )
    resource.file.save("demo.pdf", ContentFile(data), save=False)
    resource.file_type = "application/pdf"
    resource.file_size = len(data)
    resource.save(update_fields=["file", "file_type", "file_size"])


def _save(item: dict, defaults: dict, create_defaults: dict, lookups: dict) -> Resource:
    resource, _created = Resource.objects.update_or_create(
        ref=item["ref"], defaults=defaults, create_defaults={**defaults, **create_defaults}
    )
    resource.themes.set([lookups["themes"][slug] for slug in item["themes"]])
    resource.cities.set([lookups["cities"][s] for s in item["cities"] if s in lookups["cities"]])
    countries = {lookups["cities"][s].country_id for s in item["cities"] if s in lookups["cities"]}
    if item.get("country"):
        countries.add(item["country"])
    resource.countries.set(sorted(countries))
    return resource


def _load_published(lookups: dict) -> list[Resource]:
    now = timezone.now()
    resources = []
    for number, item in enumerate(_items()):
        defaults = {
            "title": item["title"],
            "summary": item["summary"],
            "body": item["body"],
            "language": item["language"],
            "resource_type": item["resource_type"],
            "audience": item["audience"],
            "year": item["year"],
            "publisher": PUBLISHER,
            "licence": LICENCE,
            "translation_group": item["group"],
            "status": ResourceStatus.PUBLISHED,
        }
        created_at = now - timedelta(days=number * 2, hours=number % 24)
        resource = _save(item, defaults, {"published_at": created_at}, lookups)
        if number % PDF_EVERY == 0:
            _attach_pdf(resource, item)
        resources.append(resource)
    return resources


def _load_submissions(lookups: dict) -> int:
    member = User.objects.filter(email=MEMBER_EMAIL).first()
    editor = User.objects.filter(email=EDITOR_EMAIL).first()
    if member is None:
        return 0
    for ref, status, language, kind, title, summary, themes, city, comment in SUBMISSIONS:
        item = {"ref": ref, "themes": themes, "cities": [city]}
        defaults = {
            "title": title,
            "summary": summary,
            "body": f"{summary}\n\n*Demo content*",
            "language": language,
            "resource_type": kind,
            "publisher": PUBLISHER,
            "submitter": member,
        }
        first = {
            "status": status,
            "editor_comment": comment,
            "reviewed_by": editor if comment else None,
            "submitted_at": timezone.now(),
        }
        resource = _save(item, defaults, first, lookups)
        if comment:
            demo_notification(
                member,
                "resource.changes_requested",
                resource,
                actor=editor,
                data={"comment": comment},
            )
        elif status == ResourceStatus.SUBMITTED and editor is not None:
            demo_notification(editor, "resource.submitted", resource, actor=member)
    return len(SUBMISSIONS)


def _load_collections(resources: list[Resource]) -> None:
    items = _items()
    editor = User.objects.filter(email=EDITOR_EMAIL).first()
    for slug, title, description, topics, languages in COLLECTIONS:
        collection, _ = Collection.objects.update_or_create(
            slug=slug,
            defaults={"title": title, "description": description, "is_published": True},
            create_defaults={
                "title": title,
                "description": description,
                "is_published": True,
                "created_by": editor,
            },
        )
        chosen = [
            resource
            for resource, item in zip(resources, items, strict=True)
            if item["topic"] in topics and item["language"] in languages
        ]
        for position, resource in enumerate(chosen, start=1):
            CollectionItem.objects.update_or_create(
                collection=collection, resource=resource, defaults={"position": position}
            )


def load(out) -> None:
    lookups = {
        "themes": {theme.slug: theme for theme in Theme.objects.all()},
        "cities": {city.slug: city for city in City.objects.all()},
    }
    resources = _load_published(lookups)
    submissions = _load_submissions(lookups)
    _load_collections(resources)
    reindex_many(resources)
    languages = len({r.language for r in resources})
    out.write(
        f"library: {len(resources)} demo resources in {languages} languages, "
        f"{len(COLLECTIONS)} collections, {submissions} submissions to review\n"
    )
