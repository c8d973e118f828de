"""Daily and weekly digests: one mail per member and period, built by the task worker.

A digest lists the member's notifications whose delivery is that digest (``daily`` or
``weekly``) and that no digest listed yet. Notifications are created only for what a member
follows or for events addressed to them, so a digest lists only those; of the notifications
that carry a content language, it lists the ones in a language the member reads
(``user.languages``; without any, their interface language) and sums up the rest in one line,
"N posts in other languages".

Sending is idempotent: each (member, frequency, period) has one unique ``Digest`` row. A run
claims its members by inserting those rows in bulk (``ON CONFLICT DO NOTHING``) with its own
claim token, then works only on the rows that carry its token — a second run, or a second
worker at the same time, finds the rows taken and skips those members. The claim, the
attachment of notifications and the queued mail commit together, so a crash leaves nothing
half-sent.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from safercities.core.tasks import send_email
from safercities.notifications.enums import Frequency
from safercities.notifications.mail import (
    absolute,
    recipient_language,
    unsubscribe_headers,
    unsubscribe_url,
)
from safercities.notifications.models import Digest, Notification

BATCH_SIZE = 500
MAX_LISTED = 50  # a longer digest links to the notifications page for the rest


def period_start(frequency: str, today: date) -> date:
    """The first day of the period a digest sent ``today`` belongs to (weeks start Monday)."""
    if frequency == Frequency.WEEKLY:
        return today - timedelta(days=today.weekday())
    if frequency == Frequency.DAILY:
        return today
    raise ValueError(frequency)


def _tags(code: str) -> tuple[str, str]:
    code = (code or "").replace("_", "-").lower()
    primary, _, rest = code.partition("-")
    return primary, rest


def reads(language: str, languages: list[str]) -> bool:
    """Whether a reader of ``languages`` reads content in ``language`` (BCP-47).

    ``en`` matches ``en-GB``; ``zh-Hans`` does not match ``zh-Hant``. Content without a
    language is for everyone.
    """
    if not language:
        return True
    primary, rest = _tags(language)
    for code in languages:
        other_primary, other_rest = _tags(code)
        if other_primary == primary and (not rest or not other_rest or rest == other_rest):
            return True
    return False


@dataclass
class DigestRun:
    frequency: str
    period_start: date
    members: int = 0  # members with notifications waiting
    sent: int = 0  # digests mailed by this run
    skipped: int = 0  # members another run had already claimed for this period
    listed: int = 0
    other_languages: int = 0
    digests: list[int] = field(default_factory=list)


def send_digests(frequency: str, *, today: date | None = None) -> DigestRun:
    """Build and queue every digest of ``frequency`` due for the period containing ``today``."""
    if frequency not in Frequency.values:
        raise ValueError(frequency)
    today = today or timezone.localdate()
    start = period_start(frequency, today)
    cutoff = timezone.now()
    claim = uuid.uuid4().hex
    run = DigestRun(frequency, start)
    waiting = Notification.objects.awaiting_digest(frequency).filter(created_at__lte=cutoff)
    member_ids = sorted(set(waiting.values_list("recipient_id", flat=True)))
    run.members = len(member_ids)
    for offset in range(0, len(member_ids), BATCH_SIZE):
        batch = member_ids[offset : offset + BATCH_SIZE]
        _send_batch(run, batch, frequency, start, cutoff, claim)
    return run


def _send_batch(run: DigestRun, batch, frequency, start, cutoff, claim) -> None:
    User = get_user_model()
    with transaction.atomic():
        Digest.objects.bulk_create(
            [
                Digest(user_id=pk, frequency=frequency, period_start=start, claim=claim)
                for pk in batch
            ],
            ignore_conflicts=True,
        )
        digests = {
            digest.user_id: digest
            for digest in Digest.objects.filter(claim=claim, user_id__in=batch)
        }
        run.skipped += len(batch) - len(digests)
        if not digests:
            return
        mine = Digest.objects.filter(claim=claim, user_id=OuterRef("recipient_id")).values("pk")
        Notification.objects.awaiting_digest(frequency).filter(
            recipient_id__in=list(digests), created_at__lte=cutoff
        ).update(digest=Subquery(mine[:1]))
        by_member: dict[int, list[Notification]] = {pk: [] for pk in digests}
        listed = (
            Notification.objects.filter(digest__in=[d.pk for d in digests.values()])
            .select_related("actor")
            .order_by("recipient_id", "created_at", "id")
        )
        for notification in listed:
            by_member[notification.recipient_id].append(notification)
        people = User.objects.filter(pk__in=list(digests), is_active=True).values_list(
            "pk", "email", "name", "ui_language", "languages"
        )
        now = timezone.now()
        links = {
            "all_link": absolute(reverse("notifications:list")),
            "preferences": absolute(reverse("notifications:preferences")),
        }
        for pk, email, name, ui_language, languages in people:
            digest = digests[pk]
            readable = list(languages or []) or [recipient_language(ui_language)]
            items = [n for n in by_member[pk] if reads(n.language, readable)]
            digest.listed = len(items)
            digest.other_languages = len(by_member[pk]) - len(items)
            run.listed += digest.listed
            run.other_languages += digest.other_languages
            if items and email:
                _queue_mail(
                    digest, items, email=email, name=name, ui_language=ui_language, links=links
                )
                digest.sent_at = now
                run.sent += 1
                run.digests.append(digest.pk)
        # One UPDATE per distinct (listed, other_languages, sent) — a handful, whatever the
        # batch size (bulk_update's CASE per row is far slower here).
        groups: dict[tuple, list[int]] = {}
        for digest in digests.values():
            key = (digest.listed, digest.other_languages, digest.sent_at is not None)
            groups.setdefault(key, []).append(digest.pk)
        for (listed_count, others, sent), pks in groups.items():
            Digest.objects.filter(pk__in=pks).update(
                listed=listed_count, other_languages=others, sent_at=now if sent else None
            )


def _queue_mail(
    digest: Digest, items, *, email: str, name: str, ui_language: str, links: dict[str, str]
) -> None:
    scope = f"digest:{digest.frequency}"
    link = unsubscribe_url(digest.user_id, scope)
    with translation.override(recipient_language(ui_language)):
        count = len(items)
        if digest.frequency == Frequency.DAILY:
            subject = ngettext(
                "Your daily digest: %(count)s notification",
                "Your daily digest: %(count)s notifications",
                count,
            ) % {"count": count}
        else:
            subject = ngettext(
                "Your weekly digest: %(count)s notification",
                "Your weekly digest: %(count)s notifications",
                count,
            ) % {"count": count}
        context = {
            "name": name or email.split("@")[0],
            "items": [
                {"message": item.message, "link": absolute(item.url)} for item in items[:MAX_LISTED]
            ],
            "more": max(0, count - MAX_LISTED),
            "other_languages": digest.other_languages,
            "unsubscribe": link,
            **links,
            "digest_name": gettext("the daily digest")
            if digest.frequency == Frequency.DAILY
            else gettext("the weekly digest"),
        }
        body = render_to_string("notifications/mail/digest.txt", context)
    send_email.enqueue(subject=subject, body=body, to=[email], headers=unsubscribe_headers(link))
