"""Who hears about what happens in the network, through ``safercities.notifications``.

Direct notices (a mention, a reply to my post, my answer accepted, a private message, a
moderator's action, a question routed to me) are sent inside the request: a handful of
people. Followers (watching a thread, a space, a theme, a city or a member) are told by the
background task ``fan_out_post``: the posting request never loops over followers.
Follow levels: *watching* gets every new post; *tracking* only unread counts on the site;
*normal* only mentions and replies; *muted* nothing, not even mentions in that thread.
Private spaces only ever notify people who may read them.
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safercities.core.taskapi import task
from safercities.notifications import registry
from safercities.notifications.enums import Delivery
from safercities.notifications.services import notify, notify_many

GROUP = gettext_lazy("Practitioner Network")


def _actor(n) -> str:
    return n.data.get("actor_name") or (str(n.actor) if n.actor_id else _("Someone"))


def _fields(n) -> dict:
    return {"actor": _actor(n), "title": n.title}


def _mention(n) -> str:
    return _("%(actor)s mentioned you in “%(title)s”.") % _fields(n)


def _reply(n) -> str:
    return _("%(actor)s replied in “%(title)s”.") % _fields(n)


def _post(n) -> str:
    return _("New post by %(actor)s in “%(title)s”.") % _fields(n)


def _thread(n) -> str:
    return _("New thread by %(actor)s: “%(title)s”.") % _fields(n)


def _accepted(n) -> str:
    return _("Your answer in “%(title)s” was accepted.") % _fields(n)


def _message(n) -> str:
    return _("%(actor)s sent you a private message.") % _fields(n)


def _routed(n) -> str:
    return _("A question in your field waits for an answer: “%(title)s”.") % _fields(n)


def _pending(n) -> str:
    return _("A new member's post waits for approval in “%(title)s”.") % _fields(n)


def register_kinds() -> None:
    kinds = [
        ("network.mention", gettext_lazy("Someone mentions me"), Delivery.IMMEDIATE, _mention),
        ("network.reply", gettext_lazy("Replies to my posts and threads"), Delivery.SITE, _reply),
        ("network.post", gettext_lazy("New posts in threads and spaces I watch"), Delivery.DAILY,
         _post),
        ("network.thread",
         gettext_lazy("New threads on themes, cities, spaces and members I follow"),
         Delivery.DAILY, _thread),
        ("network.answer_accepted", gettext_lazy("My answer is accepted"), Delivery.IMMEDIATE,
         _accepted),
        ("network.message", gettext_lazy("Private messages"), Delivery.IMMEDIATE, _message),
        ("network.moderated", gettext_lazy("A moderator acts on my post"), Delivery.IMMEDIATE,
         _moderated_message),
        ("network.question_routed", gettext_lazy("Unanswered questions in my field"),
         Delivery.IMMEDIATE, _routed),
        ("network.pending", gettext_lazy("Posts waiting for approval (moderators)"),
         Delivery.SITE, _pending),
    ]  # fmt: skip
    for verb, label, delivery, message in kinds:
        registry.register(
            verb, label=label, message=message, default_delivery=delivery, group=GROUP
        )


def _moderated_message(n) -> str:
    messages = {
        "post.hidden": _("A moderator hid your post in “%(title)s”."),
        "post.restored": _("A moderator restored your post in “%(title)s”."),
        "post.approved": _("Your post in “%(title)s” was approved and is now visible."),
        "thread.locked": _("A moderator locked your thread “%(title)s”."),
        "thread.unlocked": _("A moderator unlocked your thread “%(title)s”."),
        "thread.moved": _("A moderator moved your thread “%(title)s” to another space."),
    }
    text = messages.get(n.data.get("action"), _("A moderator acted on “%(title)s”."))
    return text % {"title": n.title}


def _muted(user_ids, thread) -> set[int]:
    from safercities.network.enums import FollowKind, FollowLevel
    from safercities.network.models import Follow

    return set(
        Follow.objects.filter(
            kind=FollowKind.THREAD,
            target_id=thread.pk,
            level=FollowLevel.MUTED,
            user_id__in=list(user_ids),
        ).values_list("user_id", flat=True)
    )


def readers_among(space, user_ids) -> list[int]:
    """Of ``user_ids``, those who may read ``space`` (private spaces tell only their readers)."""
    from safercities.accounts.models import CityTeamMembership, User
    from safercities.network.enums import Visibility

    ids = list(user_ids)
    if space.visibility in (Visibility.PUBLIC, Visibility.MEMBERS):
        return ids
    allowed = set(User.objects.filter(pk__in=ids, is_superuser=True).values_list("pk", flat=True))
    allowed |= set(space.memberships.filter(user_id__in=ids).values_list("user_id", flat=True))
    if space.visibility == Visibility.CITY_TEAM and space.city_id:
        allowed |= set(
            CityTeamMembership.objects.filter(city_id=space.city_id, user_id__in=ids).values_list(
                "user_id", flat=True
            )
        )
    return [pk for pk in ids if pk in allowed]


def _post_data(post) -> dict:
    return {"title": post.thread.title, "actor_name": str(post.author) if post.author else ""}


def post_published(post) -> list[int]:
    """A post became visible: tell the mentioned and the replied-to now, followers later.

    Returns the ids told directly (the background fan-out skips them).
    """
    from safercities.network.services import mentioned_users

    thread = post.thread
    space = thread.space
    author = post.author
    told: list[int] = []
    mentioned = [u.pk for u in mentioned_users(post.body, exclude=author)]
    replied = []
    if post.reply_to_id and post.reply_to and post.reply_to.author_id:
        replied.append(post.reply_to.author_id)
    if not post.is_opening and thread.author_id:
        replied.append(thread.author_id)
    candidates = set(mentioned) | set(replied)
    allowed = set(readers_among(space, candidates)) - _muted(candidates, thread)
    data = _post_data(post)
    url = post.get_absolute_url()
    from safercities.accounts.models import User

    users = {u.pk: u for u in User.objects.filter(pk__in=allowed)}
    for pk in dict.fromkeys(mentioned):
        if pk in users:
            notify(users[pk], "network.mention", post, actor=author, language=post.language,
                   url=url, data=data)  # fmt: skip
            told.append(pk)
    for pk in dict.fromkeys(replied):
        if pk in users and pk not in told:
            notify(users[pk], "network.reply", post, actor=author, language=post.language,
                   url=url, data=data)  # fmt: skip
            told.append(pk)
    fan_out_post.enqueue(post_id=post.pk, skip=told)
    return told


def follower_ids(post) -> tuple[list[int], str]:
    """Who follows what ``post`` belongs to at the *watching* level, and the verb to use."""
    from safercities.network.enums import FollowKind, FollowLevel
    from safercities.network.models import Follow

    thread = post.thread
    watching = Follow.objects.filter(level=FollowLevel.WATCHING)
    if post.is_opening:
        targets = Q(kind=FollowKind.SPACE, target_id=thread.space_id)
        if thread.theme_id:
            targets |= Q(kind=FollowKind.THEME, target_id=thread.theme_id)
        if thread.space.city_id:
            targets |= Q(kind=FollowKind.CITY, target_id=thread.space.city_id)
        if thread.author_id:
            targets |= Q(kind=FollowKind.MEMBER, target_id=thread.author_id)
        verb = "network.thread"
    else:
        targets = Q(kind=FollowKind.THREAD, target_id=thread.pk) | Q(
            kind=FollowKind.SPACE, target_id=thread.space_id
        )
        verb = "network.post"
    ids = set(watching.filter(targets).values_list("user_id", flat=True).distinct())
    ids -= _muted(ids, thread)
    return readers_among(thread.space, ids), verb


@task()
def fan_out_post(post_id: int, skip: list[int] | None = None) -> int:
    """Tell everyone watching what the post belongs to (runs in the task worker)."""
    from safercities.network.enums import PostStatus
    from safercities.network.models import Post

    post = (
        Post.objects.select_related("thread__space", "author")
        .filter(pk=post_id, status=PostStatus.VISIBLE)
        .first()
    )
    if post is None:
        return 0
    ids, verb = follower_ids(post)
    skipped = set(skip or ())
    ids = [pk for pk in ids if pk not in skipped]
    return notify_many(
        ids, verb, post.thread if post.is_opening else post, actor=post.author,
        language=post.language, url=post.get_absolute_url(), data=_post_data(post),
    )  # fmt: skip


def answer_accepted(acceptance) -> None:
    post = acceptance.post
    notify(
        post.author, "network.answer_accepted", post, actor=acceptance.accepted_by,
        url=post.get_absolute_url(), data={"title": acceptance.thread.title},
    )  # fmt: skip


def message_sent(message) -> None:
    from django.urls import reverse

    notify(
        message.recipient, "network.message", None, actor=message.sender,
        url=reverse("network:conversation", args=[message.sender_id]),
        data={"actor_name": str(message.sender)},
    )  # fmt: skip


def moderated(post, action: str, reason: str, actor) -> None:
    notify(
        post.author, "network.moderated", post, actor=actor, url=post.get_absolute_url(),
        data={"title": post.thread.title, "action": action, "comment": reason},
    )  # fmt: skip


def post_pending(post) -> int:
    """Moderators of the space (and editors) hear that a first post waits for approval."""
    from safercities.accounts.models import User

    moderators = User.objects.filter(
        Q(is_editor=True) | Q(is_superuser=True)
        | Q(space_memberships__space=post.thread.space, space_memberships__is_moderator=True),
        is_active=True,
    ).values_list("pk", flat=True)  # fmt: skip
    return notify_many(
        set(moderators), "network.pending", post, url="/network/moderation/",
        data={"title": post.thread.title},
    )  # fmt: skip


def question_routed(expert, thread) -> None:
    notify(
        expert, "network.question_routed", thread, language=thread.language,
        url=thread.get_absolute_url(),
    )  # fmt: skip
