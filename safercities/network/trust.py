"""Trust: what a member may do without a moderator looking first.

Trust grows with a confirmed email address, a membership of a verified organisation that
its admins (or a site admin) confirmed, and activity that moderators let through — activity
alone never makes a member trusted. New members' first posts wait for approval, may carry few
links, and all members' posting and messaging are rate-limited (tighter for newer members).
"""

import re
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from safercities.accounts.permissions import is_confirmed_member, is_editor
from safercities.network.enums import PostStatus, TrustLevel

TRUSTED_AFTER_POSTS = 5
LINK_LIMITS = {TrustLevel.NEW: 2, TrustLevel.BASIC: 5, TrustLevel.TRUSTED: 50}
# trust level -> (posts allowed, per this many minutes)
POST_RATE = {TrustLevel.NEW: (3, 10), TrustLevel.BASIC: (10, 10), TrustLevel.TRUSTED: (30, 10)}
MESSAGE_RATE = {TrustLevel.NEW: (3, 60), TrustLevel.BASIC: (15, 60), TrustLevel.TRUSTED: (40, 60)}
_LINK = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)


class Refused(Exception):
    """A verb refused its input; ``code`` names why, ``field`` what (for forms and the API)."""

    def __init__(self, code: str, message: str, field: str = "body") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


def has_confirmed_email(user) -> bool:
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def organisation_verified(user) -> bool:
    """A confirmed membership of a verified organisation (the accounts app decides)."""
    return is_confirmed_member(user, None)


def trust_level(user) -> TrustLevel:
    from safercities.network.models import Post

    if is_editor(user):
        return TrustLevel.TRUSTED
    if not has_confirmed_email(user):
        return TrustLevel.NEW
    approved = Post.objects.filter(author=user, status=PostStatus.VISIBLE).count()
    if approved == 0:
        return TrustLevel.NEW
    if approved >= TRUSTED_AFTER_POSTS and organisation_verified(user):
        return TrustLevel.TRUSTED
    return TrustLevel.BASIC


def needs_approval(level: TrustLevel) -> bool:
    return level == TrustLevel.NEW


def count_links(text: str) -> int:
    return len(_LINK.findall(text))


def check_links(text: str, level: TrustLevel) -> None:
    limit = LINK_LIMITS[level]
    if count_links(text) > limit:
        raise Refused(
            "too_many_links",
            ngettext(
                "New members may include at most %(limit)d link in a post.",
                "New members may include at most %(limit)d links in a post.",
                limit,
            )
            % {"limit": limit},
        )


def check_post_rate(user, level: TrustLevel) -> None:
    from safercities.network.models import Post

    allowed, minutes = POST_RATE[level]
    since = timezone.now() - timedelta(minutes=minutes)
    if Post.objects.filter(author=user, created_at__gte=since).count() >= allowed:
        raise Refused(
            "rate_limited",
            _("You are posting very fast. Please wait a few minutes and try again."),
        )


def check_message_rate(user, level: TrustLevel) -> None:
    from safercities.network.models import Message

    allowed, minutes = MESSAGE_RATE[level]
    since = timezone.now() - timedelta(minutes=minutes)
    if Message.objects.filter(sender=user, created_at__gte=since).count() >= allowed:
        raise Refused(
            "rate_limited",
            _("You have sent many messages in the last hour. Please try again later."),
        )
