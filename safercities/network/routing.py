"""Questions unanswered after 48 hours go to up to three matching members.

A match has the question's theme among their declared expertise, reads its language, lives
in the same or a nearby country (``regions.nearness``) and may read the space. Nearer
members come first, then those with more accepted answers on the theme. Each question is
routed once (``Thread.routed_at``); run ``manage.py route_questions`` hourly (cron or a
systemd timer) or enqueue the ``route_unanswered_questions`` task.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from safercities.core.audit import record
from safercities.core.taskapi import task
from safercities.network import notices
from safercities.network.directory import listed_members
from safercities.network.enums import PostStatus
from safercities.network.models import Thread
from safercities.network.regions import nearness

ROUTE_AFTER = timedelta(hours=48)
MAX_EXPERTS = 3


def due_questions(now=None):
    now = now or timezone.now()
    return (
        Thread.objects.listed()
        .questions()
        .filter(
            is_answered=False, reply_count=0, routed_at__isnull=True,
            created_at__lte=now - ROUTE_AFTER,
        )
        .select_related("space", "author__city", "theme")
    )  # fmt: skip


def question_country(thread) -> str | None:
    if thread.space.country_id:
        return thread.space.country_id
    if thread.space.city_id:
        return thread.space.city.country_id
    author = thread.author
    return author.city.country_id if author and author.city_id else None


def experts_for(thread, limit: int = MAX_EXPERTS) -> list:
    if not thread.theme_id:
        return []
    country = question_country(thread)
    candidates = (
        listed_members()
        .filter(themes=thread.theme_id, languages__icontains=f'"{thread.language}"')
        .exclude(pk=thread.author_id)
        .exclude(network_profile__show_themes=False)
        .annotate(
            theme_answers=Count(
                "posts__acceptance",
                filter=Q(posts__thread__theme=thread.theme_id, posts__status=PostStatus.VISIBLE),
                distinct=True,
            )
        )
    )
    ranked = []
    for person in candidates:
        home = person.city.country_id if person.city_id else None
        near = nearness(country, home)
        if near is not None:
            ranked.append((near, -person.theme_answers, person.pk, person))
    ranked.sort(key=lambda row: row[:3])
    allowed = set(notices.readers_among(thread.space, [row[3].pk for row in ranked]))
    return [row[3] for row in ranked if row[3].pk in allowed][:limit]


def route_unanswered(now=None) -> dict[int, list[int]]:
    """Route every due question; returns {thread id: [expert ids]}."""
    routed: dict[int, list[int]] = {}
    for thread in due_questions(now):
        with transaction.atomic():
            claimed = Thread.objects.filter(pk=thread.pk, routed_at__isnull=True).update(
                routed_at=timezone.now()
            )
            if not claimed:  # another worker took it
                continue
            experts = experts_for(thread)
            for expert in experts:
                notices.question_routed(expert, thread)
            record(None, "question.routed", thread, experts=[e.pk for e in experts])
            routed[thread.pk] = [e.pk for e in experts]
    return routed


@task()
def route_unanswered_questions() -> int:
    return len(route_unanswered())
