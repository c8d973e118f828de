"""Who may read and do what in the network.

Spaces are public, members-only, private to a city's team, or private to a cohort (its
space members). A space someone may not read answers 404, so its existence is not revealed.
Editors moderate everywhere; members named moderators of a space moderate that space only.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from safercities.accounts.permissions import (
    check_member,
    is_city_team_member,
    is_editor,
    is_member,
    is_site_admin,
    team_city_ids,
)
from safercities.network.enums import PostStatus, ThreadKind, Visibility


def _deny(message: str) -> None:
    raise PermissionDenied(message)


def moderated_space_ids(user) -> set[int]:
    """Spaces a member moderates (remembered on the user object for the request)."""
    if not is_member(user):
        return set()
    cached = getattr(user, "_moderated_space_ids", None)
    if cached is None:
        cached = set(
            user.space_memberships.filter(is_moderator=True).values_list("space_id", flat=True)
        )
        user._moderated_space_ids = cached
    return cached


def is_moderator(user, space) -> bool:
    """Editors moderate every space; space moderators only theirs."""
    if is_editor(user):
        return True
    if not is_member(user) or space is None:
        return False
    return getattr(space, "pk", space) in moderated_space_ids(user)


def can_see_space(user, space) -> bool:
    if space.visibility == Visibility.PUBLIC:
        return True
    if not is_member(user):
        return False
    if space.visibility == Visibility.MEMBERS or is_site_admin(user):
        return True
    if space.visibility == Visibility.CITY_TEAM and is_city_team_member(user, space.city_id):
        return True
    return user.space_memberships.filter(space=space).exists()


def filter_spaces_queryset(user, queryset: QuerySet) -> QuerySet:
    if not is_member(user):
        return queryset.filter(visibility=Visibility.PUBLIC)
    if is_site_admin(user):
        return queryset
    return queryset.filter(
        Q(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS])
        | Q(visibility=Visibility.CITY_TEAM, city_id__in=team_city_ids(user))
        | Q(memberships__user=user)
    ).distinct()


def filter_threads_queryset(user, queryset: QuerySet) -> QuerySet:
    """Threads ``user`` may open: in spaces they read, visible or their own (moderators: all)."""
    from safercities.network.models import Space

    spaces = filter_spaces_queryset(user, Space.objects.all()).values("pk")
    queryset = queryset.filter(space__in=spaces)
    if is_editor(user):
        return queryset
    if is_member(user):
        return queryset.filter(
            Q(status=PostStatus.VISIBLE)
            | Q(author=user)
            | Q(space_id__in=moderated_space_ids(user))
        )
    return queryset.filter(status=PostStatus.VISIBLE)


def filter_posts_queryset(user, thread, queryset: QuerySet, *, moderator: bool) -> QuerySet:
    """Posts of a thread a reader sees: visible ones, their own pending ones; moderators all."""
    if moderator:
        return queryset
    if is_member(user):
        return queryset.filter(
            Q(status=PostStatus.VISIBLE) | Q(author=user, status=PostStatus.PENDING)
        )
    return queryset.filter(status=PostStatus.VISIBLE)


def check_can_start_thread(user, space) -> None:
    check_member(user)
    if not can_see_space(user, space):
        _deny(_("You cannot post in this space."))


def check_can_reply(user, thread, *, moderator: bool = False) -> None:
    check_member(user)
    if thread.status == PostStatus.HIDDEN or thread.merged_into_id:
        _deny(_("This thread is closed to replies."))
    if thread.is_locked and not moderator:
        _deny(_("This thread is locked: no new replies."))


def check_can_edit_post(user, post, *, moderator: bool) -> None:
    check_member(user)
    if moderator:
        return
    if post.author_id != user.pk or post.status == PostStatus.HIDDEN:
        _deny(_("You can edit only your own posts."))
    if post.thread.is_locked:
        _deny(_("This thread is locked: no new replies."))


def check_can_accept(user, thread, *, moderator: bool) -> None:
    check_member(user)
    if thread.kind != ThreadKind.QUESTION:
        _deny(_("Only answers to a question can be accepted."))
    if not (moderator or thread.author_id == user.pk):
        _deny(_("Only the person who asked, or a moderator, can accept an answer."))


def check_can_moderate(user, space) -> None:
    check_member(user)
    if not is_moderator(user, space):
        _deny(_("Only moderators of this space can do this."))


def check_can_see_moderation_queue(user) -> None:
    check_member(user)
    if not (is_editor(user) or moderated_space_ids(user)):
        _deny(_("Only moderators can do this."))


def filter_moderated_spaces(user, queryset: QuerySet) -> QuerySet:
    if is_editor(user):
        return queryset
    return queryset.filter(pk__in=moderated_space_ids(user))


def check_can_message(sender, recipient) -> None:
    check_member(sender)
    if sender.pk == recipient.pk:
        _deny(_("You cannot send a message to yourself."))
    if not recipient.is_active:
        _deny(_("This account is no longer active."))
    if recipient.blocks.filter(blocked=sender).exists():
        _deny(_("This member does not accept messages from you."))
