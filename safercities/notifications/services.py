"""Tell members what happened: the one way every app notifies people.

Contract (content apps build on this; the notifications app imports no content app)
==================================================================================

1. Register each verb once, in your ``AppConfig.ready()``::

       from safercities.notifications import registry
       registry.register(
           "thread.reply",                         # dotted, ≤ 60 chars, unique Hub-wide
           label=gettext_lazy("Replies in threads I follow"),   # preferences page
           message=lambda n: gettext("%(actor)s replied in “%(title)s”.")
                             % {"actor": n.data.get("actor_name", ""), "title": n.title},
           default_delivery="site",                # site | immediate | daily | weekly | off
           group=gettext_lazy("Discussions"),      # optional heading on the preferences page
           mail_note=None,                         # optional extra line in the immediate mail
           applies_to=None,                        # optional user -> bool: who is offered a
       )                                           # choice (e.g. is_editor); default everyone

   ``message(notification) -> str`` is called inside the recipient's language (the reader's
   on the site; ``translation.override(recipient.ui_language)`` in mail and digests). Call
   ``gettext`` inside it (not at import time) and never query the database: use
   ``notification.title`` (a snapshot of ``str(target)``), ``notification.data`` (the JSON
   you passed) and ``notification.actor`` (loaded with ``select_related`` on lists).

2. ``notify(recipient, verb, target=None, *, actor=None, language="", url="", data=None)
   -> Notification | None``

   - ``recipient``: a ``User``. Nothing is stored (returns None) when the recipient is None,
     inactive, is the ``actor`` (nobody is told about what they did themselves) or chose
     ``off`` for this verb.
   - ``verb``: a registered verb; an unknown verb raises ``registry.UnknownVerb`` (a bug).
   - ``target``: any model instance (or None). Stored as a generic reference plus
     ``title = str(target)[:300]`` and, when ``url`` is empty, ``target.get_absolute_url()``.
     ``data["title"]`` overrides the title.
   - ``language``: the BCP-47 language of the target content (``"th"``, ``"zh-Hans"``). Give
     it for content the recipient follows (posts, threads, resources in a followed theme):
     digests list only notifications in languages the member reads (``user.languages``) and
     count the others in one line "N posts in other languages". Leave it empty for events
     addressed to the person (their submission was published, they were asked to review):
     those are always listed.
   - ``url``: a site path (``/library/12/``) or an absolute URL; mail makes paths absolute.
   - ``data``: JSON-serialisable details for ``message`` (``comment`` is shown under the
     message on the site and in mail).
   - Delivery follows the member's preference for the verb, else the kind's
     ``default_delivery``: ``site`` stores it; ``immediate`` also queues one mail now
     (``send_email`` task, rendered in the recipient's ``ui_language``, with a signed
     one-click unsubscribe link and ``List-Unsubscribe`` / ``List-Unsubscribe-Post``
     headers); ``daily`` / ``weekly`` store it for the next digest; ``off`` stores nothing.
   - Call it inside your verb's transaction: with the database task queue the mail is queued
     in the same transaction (rolled back with it).

3. ``notify_many(recipients, verb, target=None, *, actor=None, language="", url="",
   data=None) -> int`` — the same for many members (followers of a thread, space, theme,
   city…). ``recipients`` is an iterable of ``User`` objects or user ids (duplicates and the
   actor are dropped, inactive users skipped). Works in batches of 1,000: one query for the
   users, one for their preferences and one bulk insert per batch, plus one queued mail per
   ``immediate`` recipient. Returns how many notifications were stored. For thousands of
   followers call it from a background task (``@task`` from ``safercities.core.taskapi``),
   passing ids, never from the request.

   ``notify_many_later(...)`` takes the same arguments, queues ``notify_many`` on the task
   worker (``tasks.notify_many_task``; the target is passed as content type + pk) and returns
   at once — use it from requests that may have thousands of followers to tell.

4. Reading: ``Notification.objects.for_member(user).unread()``; ``mark_read(user, ids)``,
   ``mark_all_read(user)``; preferences: ``delivery_for(user, verb)``,
   ``set_preference(user, verb, delivery)``. Pages: ``/notifications/`` (list, mark read),
   ``/notifications/preferences/``; API: ``/api/v1/notifications``.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from safercities.core.audit import record
from safercities.core.languages import normalize_language_code
from safercities.notifications import registry
from safercities.notifications.enums import Delivery
from safercities.notifications.mail import send_notification_mail
from safercities.notifications.models import Notification, Preference

BATCH_SIZE = 1000


def delivery_for(user, verb: str) -> str:
    """The member's delivery for one verb: their preference, else the kind's default."""
    kind = registry.get(verb)
    chosen = (
        Preference.objects.filter(user=user, verb=verb).values_list("delivery", flat=True).first()
    )
    return chosen or kind.default_delivery


def _common_fields(target, actor, language: str, url: str, data: dict | None) -> dict[str, Any]:
    data = dict(data or {})
    title = data.get("title")
    fields: dict[str, Any] = {
        "actor": actor if getattr(actor, "is_authenticated", False) else None,
        "language": (normalize_language_code(language or "") or language or "")[:20],
        "data": data,
        "url": url or "",
    }
    if isinstance(target, models.Model) and target.pk is not None:
        fields["target_type"] = ContentType.objects.get_for_model(target)
        fields["target_id"] = str(target.pk)
        if not url and hasattr(target, "get_absolute_url"):
            fields["url"] = target.get_absolute_url()
        if title is None:
            title = str(target)
    fields["title"] = str(title or "")[:300]
    fields["url"] = fields["url"][:500]
    return fields


def notify(
    recipient,
    verb: str,
    target=None,
    *,
    actor=None,
    language: str = "",
    url: str = "",
    data: dict | None = None,
) -> Notification | None:
    """Tell one member; see the module docstring for the contract."""
    kind = registry.get(verb)
    if recipient is None or not recipient.is_active:
        return None
    if actor is not None and getattr(actor, "pk", None) == recipient.pk:
        return None
    delivery = delivery_for(recipient, verb)
    if delivery == Delivery.OFF:
        return None
    fields = _common_fields(target, actor, language, url, data)
    now = timezone.now()
    notification = Notification.objects.create(
        recipient=recipient,
        verb=verb,
        delivery=delivery,
        emailed_at=now if delivery == Delivery.IMMEDIATE else None,
        **fields,
    )
    if delivery == Delivery.IMMEDIATE and recipient.email:
        send_notification_mail(
            user_id=recipient.pk,
            email=recipient.email,
            name=recipient.name,
            ui_language=recipient.ui_language,
            notification=notification,
            kind=kind,
        )
    return notification


def _ids(recipients: Iterable, actor) -> list[int]:
    actor_id = getattr(actor, "pk", None)
    seen: dict[int, None] = {}
    for item in recipients:
        pk = item if isinstance(item, int) else getattr(item, "pk", None)
        if pk is not None and pk != actor_id:
            seen[int(pk)] = None
    return list(seen)


def notify_many(
    recipients: Iterable,
    verb: str,
    target=None,
    *,
    actor=None,
    language: str = "",
    url: str = "",
    data: dict | None = None,
) -> int:
    """Tell many members at once (bulk); returns how many notifications were stored."""
    kind = registry.get(verb)
    ids = _ids(recipients, actor)
    if not ids:
        return 0
    fields = _common_fields(target, actor, language, url, data)
    User = get_user_model()
    stored = 0
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        people = User.objects.filter(pk__in=chunk, is_active=True).values_list(
            "pk", "email", "name", "ui_language"
        )
        chosen = dict(
            Preference.objects.filter(user_id__in=chunk, verb=verb).values_list(
                "user_id", "delivery"
            )
        )
        now = timezone.now()
        rows, mails = [], []
        for pk, email, name, ui_language in people:
            delivery = chosen.get(pk, kind.default_delivery)
            if delivery == Delivery.OFF:
                continue
            immediate = delivery == Delivery.IMMEDIATE
            notification = Notification(
                recipient_id=pk,
                verb=verb,
                delivery=delivery,
                emailed_at=now if immediate else None,
                **fields,
            )
            rows.append(notification)
            if immediate and email:
                mails.append((pk, email, name, ui_language, notification))
        with transaction.atomic():
            Notification.objects.bulk_create(rows, batch_size=BATCH_SIZE)
            for pk, email, name, ui_language, notification in mails:
                send_notification_mail(
                    user_id=pk,
                    email=email,
                    name=name,
                    ui_language=ui_language,
                    notification=notification,
                    kind=kind,
                )
        stored += len(rows)
    return stored


def notify_many_later(
    recipients: Iterable,
    verb: str,
    target=None,
    *,
    actor=None,
    language: str = "",
    url: str = "",
    data: dict | None = None,
):
    """Queue ``notify_many`` for the task worker; returns the task result handle."""
    from safercities.notifications.tasks import notify_many_task

    registry.get(verb)
    target_ref = None
    if isinstance(target, models.Model) and target.pk is not None:
        target_ref = [ContentType.objects.get_for_model(target).pk, target.pk]
    return notify_many_task.enqueue(
        _ids(recipients, actor),
        verb,
        target_ref,
        getattr(actor, "pk", None),
        language,
        url,
        dict(data or {}),
    )


def mark_read(user, ids: Iterable[int]) -> int:
    """Mark some of the member's own notifications read; returns how many changed."""
    ids = [int(pk) for pk in ids]
    return (
        Notification.objects.for_member(user)
        .unread()
        .filter(pk__in=ids)
        .update(read_at=timezone.now())
    )


def mark_all_read(user) -> int:
    return Notification.objects.for_member(user).unread().update(read_at=timezone.now())


def set_preference(user, verb: str, delivery: str, *, actor=None) -> Preference:
    """Choose how ``user`` hears about ``verb``; raises ValueError for unknown choices."""
    registry.get(verb)
    if delivery not in Delivery.values:
        raise ValueError(delivery)
    with transaction.atomic():
        preference, _created = Preference.objects.update_or_create(
            user=user, verb=verb, defaults={"delivery": delivery}
        )
        record(actor or user, "notifications.preference_set", user, verb=verb, delivery=delivery)
    return preference


def preferences_of(user) -> dict[str, str]:
    """Every kind offered to the member → their delivery (their choice or the default)."""
    chosen = dict(Preference.objects.filter(user=user).values_list("verb", "delivery"))
    return {
        kind.verb: chosen.get(kind.verb, kind.default_delivery) for kind in registry.kinds(user)
    }


def unsubscribe(user, scope: str) -> list[str]:
    """Stop the mail a signed link names: one verb's immediate mail, or one digest.

    The kinds concerned fall back to ``site`` (still listed on the site, never mailed).
    Returns the verbs that changed (empty when there was nothing left to stop).
    """
    chosen = dict(Preference.objects.filter(user=user).values_list("verb", "delivery"))
    current = {k.verb: chosen.get(k.verb, k.default_delivery) for k in registry.kinds()}
    if scope.startswith("digest:"):
        frequency = scope.split(":", 1)[1]
        verbs = [verb for verb, delivery in current.items() if delivery == frequency]
    elif registry.is_registered(scope):
        verbs = (
            [scope]
            if current.get(scope) in (Delivery.IMMEDIATE, Delivery.DAILY, Delivery.WEEKLY)
            else []
        )
    else:
        verbs = []
    with transaction.atomic():
        for verb in verbs:
            Preference.objects.update_or_create(
                user=user, verb=verb, defaults={"delivery": Delivery.SITE}
            )
        record(user, "notifications.unsubscribed", user, scope=scope, verbs=verbs)
    return verbs
