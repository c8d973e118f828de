"""Resources and practices beside a thread: those its posts link to (shown as small cards)
and those on the thread's theme. Two queries whatever the number of posts."""

import re

from django.db.models import Case, IntegerField, Q, Value, When

from safercities.library.models import Resource
from safercities.practices.models import Practice

_RESOURCE = re.compile(r'href="(?:https?://[^/"]+)?/library/(\d+)/"')
_PRACTICE = re.compile(r'href="(?:https?://[^/"]+)?/practices/([\w-]+)/"')
RELATED = 3


def links_in(posts) -> tuple[list[int], list[str]]:
    resources, practices = [], []
    for post in posts:
        resources += [int(pk) for pk in _RESOURCE.findall(post.body_html)]
        practices += _PRACTICE.findall(post.body_html)
    return list(dict.fromkeys(resources))[:20], list(dict.fromkeys(practices))[:20]


def cards_for(thread, posts) -> dict:
    """``{"linked": [...], "related": [...]}``, each item ``{"kind", "title", "url"}``."""
    resource_ids, practice_slugs = links_in(posts)
    theme = thread.theme_id
    linked_r = Q(pk__in=resource_ids)
    linked_p = Q(slug__in=practice_slugs)
    resources = (
        Resource.objects.published()
        .filter(linked_r | Q(themes=theme) if theme else linked_r)
        .annotate(
            linked=Case(When(linked_r, then=Value(1)), default=0, output_field=IntegerField())
        )
        .order_by("-linked", "-published_at")
        .distinct()
        .values_list("pk", "title", "linked")[: len(resource_ids) + RELATED]
    )
    practices = (
        Practice.objects.published()
        .filter(linked_p | Q(themes=theme) if theme else linked_p)
        .annotate(
            linked=Case(When(linked_p, then=Value(1)), default=0, output_field=IntegerField())
        )
        .order_by("-linked", "-published_at")
        .distinct()
        .values_list("slug", "title", "linked")[: len(practice_slugs) + RELATED]
    )
    linked, related = [], []
    if resource_ids or theme:
        for pk, title, is_linked in resources:
            card = {"kind": "resource", "title": title, "url": f"/library/{pk}/"}
            (linked if is_linked else related).append(card)
    if practice_slugs or theme:
        for slug, title, is_linked in practices:
            card = {"kind": "practice", "title": title, "url": f"/practices/{slug}/"}
            (linked if is_linked else related).append(card)
    return {"linked": linked, "related": related[: 2 * RELATED]}
