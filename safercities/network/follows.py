"""Following threads, spaces, themes, cities and members, each at a notification level."""

from django.utils.translation import gettext as _

from safercities.core.audit import record
from safercities.network.enums import FollowKind, FollowLevel
from safercities.network.models import Follow, Space, Thread
from safercities.network.trust import Refused


def target_model(kind: str):
    from safercities.accounts.models import User
    from safercities.places.models import City
    from safercities.taxonomy.models import Theme

    return {
        FollowKind.THREAD: Thread,
        FollowKind.SPACE: Space,
        FollowKind.THEME: Theme,
        FollowKind.CITY: City,
        FollowKind.MEMBER: User,
    }[kind]


def follow(user, kind: str, target, level: str = FollowLevel.WATCHING) -> Follow:
    if kind not in FollowKind.values:
        raise Refused("kind", _("Unknown kind of follow."), "kind")
    if level not in FollowLevel.values:
        raise Refused("level", _("Unknown notification level."), "level")
    if kind == FollowKind.MEMBER and target.pk == user.pk:
        raise Refused("self", _("You cannot follow yourself."), "member")
    obj, created = Follow.objects.update_or_create(
        user=user, kind=kind, target_id=target.pk, defaults={"level": level}
    )
    record(
        user,
        "follow.created" if created else "follow.changed",
        None,
        kind=kind,
        target=target.pk,
        level=level,
    )
    return obj


def unfollow(user, kind: str, target) -> bool:
    deleted, _rows = Follow.objects.filter(user=user, kind=kind, target_id=target.pk).delete()
    if deleted:
        record(user, "follow.removed", None, kind=kind, target=target.pk)
    return bool(deleted)


def level_of(user, kind: str, target) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Follow.objects.filter(user=user, kind=kind, target_id=target.pk)
        .values_list("level", flat=True)
        .first()
    )
