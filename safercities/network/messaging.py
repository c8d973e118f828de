"""Private messages between members, and blocking. Nobody sees anyone's email address."""

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from safercities.core.audit import record
from safercities.network import notices
from safercities.network.models import Block, Message
from safercities.network.trust import Refused, check_links, check_message_rate, trust_level

MAX_MESSAGE = 5000


def send_message(sender, recipient, body: str) -> Message:
    body = "".join(ch for ch in (body or "") if ch in "\n\t" or ch >= " ").strip()
    if not body:
        raise Refused("blank", _("This cannot be blank."))
    if len(body) > MAX_MESSAGE:
        raise Refused(
            "too_long",
            _("This is too long: at most %(limit)d characters.") % {"limit": MAX_MESSAGE},
        )
    level = trust_level(sender)
    check_message_rate(sender, level)
    check_links(body, level)
    message = Message.objects.create(sender=sender, recipient=recipient, body=body)
    record(sender, "message.sent", message, recipient=recipient.pk)
    notices.message_sent(message)
    return message


def conversation(user, other):
    return Message.objects.filter(
        Q(sender=user, recipient=other) | Q(sender=other, recipient=user)
    ).order_by("created_at", "pk")


def mark_read(user, other) -> int:
    return Message.objects.filter(sender=other, recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def conversations(user):
    """One row per other member: the latest message time and how many are unread."""
    from safercities.accounts.models import User

    received = User.objects.filter(sent_messages__recipient=user).annotate(
        latest=Max("sent_messages__created_at"),
        unread=Count("sent_messages", filter=Q(sent_messages__read_at__isnull=True)),
    )
    rows = {u.pk: {"member": u, "latest": u.latest, "unread": u.unread} for u in received}
    sent = User.objects.filter(received_messages__sender=user).annotate(
        latest=Max("received_messages__created_at")
    )
    for u in sent:
        row = rows.setdefault(u.pk, {"member": u, "latest": u.latest, "unread": 0})
        row["latest"] = max(row["latest"], u.latest)
    return sorted(rows.values(), key=lambda row: row["latest"], reverse=True)


def block(user, other) -> bool:
    if user.pk == other.pk:
        raise Refused("self", _("You cannot block yourself."), "member")
    _obj, created = Block.objects.get_or_create(blocker=user, blocked=other)
    if created:
        record(user, "member.blocked", other)
    return created


def unblock(user, other) -> bool:
    deleted, _rows = Block.objects.filter(blocker=user, blocked=other).delete()
    if deleted:
        record(user, "member.unblocked", other)
    return bool(deleted)


def is_blocked(user, other) -> bool:
    return Block.objects.filter(blocker=user, blocked=other).exists()
