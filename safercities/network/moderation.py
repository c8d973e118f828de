"""Moderation verbs: report, approve, hide, restore, lock, move, split, merge.

Each records an audit entry with its reason (``post.hidden``, ``thread.merged``…), tells the
author, and returns whether anything changed. Permission checks belong to the caller.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from safercities.core.audit import record
from safercities.network import notices
from safercities.network.enums import PostStatus, ReportReason
from safercities.network.indexing import reindex_later
from safercities.network.models import Post, Report, Space, Thread
from safercities.network.trust import Refused


def _reason(reason: str) -> str:
    reason = "".join(ch for ch in (reason or "") if ch >= " ").strip()[:500]
    if not reason:
        raise Refused("reason", _("Please give a reason: the author will see it."), "reason")
    return reason


def report(reporter, *, post=None, message=None, reason: str, note: str = "") -> Report:
    if reason not in ReportReason.values:
        raise Refused("reason", _("Choose a reason."), "reason")
    note = "".join(ch for ch in note if ch >= " ").strip()[:500]
    existing = Report.objects.open().filter(reporter=reporter, post=post, message=message).first()
    if existing is not None:
        return existing
    created = Report.objects.create(
        reporter=reporter, post=post, message=message, reason=reason, note=note
    )
    record(
        reporter, "post.reported" if post else "message.reported", post or message, reason=reason
    )
    return created


def _resolve_reports(actor, post: Post, resolution: str) -> None:
    Report.objects.open().filter(post=post).update(
        resolved_at=timezone.now(), resolved_by=actor, resolution=resolution
    )


def recount(thread: Thread) -> None:
    """Recompute a thread's reply count and latest post time from its visible posts."""
    visible = Post.objects.filter(thread=thread, status=PostStatus.VISIBLE)
    latest = visible.aggregate(latest=Max("created_at"))["latest"] or thread.created_at
    count = visible.filter(is_opening=False).count()
    answered = thread.acceptances.filter(post__status=PostStatus.VISIBLE).exists()
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=count, last_post_at=latest, is_answered=answered
    )
    reindex_later(thread.pk)


def _set_status(actor, post: Post, status: str, action: str, reason: str) -> bool:
    if post.status == status:
        return False
    with transaction.atomic():
        post.status = status
        post.moderation_reason = reason
        post.save(update_fields=["status", "moderation_reason"])
        if post.is_opening:
            Thread.objects.filter(pk=post.thread_id).update(status=status)
        recount(post.thread)
        _resolve_reports(actor, post, action.split(".")[-1])
        record(actor, action, post, reason=reason, thread=post.thread_id)
        transaction.on_commit(lambda: notices.moderated(post, action, reason, actor))
        if status == PostStatus.VISIBLE and action == "post.approved":
            transaction.on_commit(lambda: notices.post_published(post))
    return True


def approve(actor, post: Post) -> bool:
    if post.status != PostStatus.PENDING:
        return False
    return _set_status(actor, post, PostStatus.VISIBLE, "post.approved", "")


def hide(actor, post: Post, reason: str) -> bool:
    return _set_status(actor, post, PostStatus.HIDDEN, "post.hidden", _reason(reason))


def restore(actor, post: Post, reason: str = "") -> bool:
    if post.status != PostStatus.HIDDEN:
        return False
    return _set_status(actor, post, PostStatus.VISIBLE, "post.restored", reason.strip()[:500])


def dismiss_reports(actor, post: Post) -> int:
    count = (
        Report.objects.open()
        .filter(post=post)
        .update(resolved_at=timezone.now(), resolved_by=actor, resolution="dismissed")
    )
    if count:
        record(actor, "reports.dismissed", post, count=count)
    return count


def set_locked(actor, thread: Thread, locked: bool, reason: str) -> bool:
    if thread.is_locked == locked:
        return False
    reason = _reason(reason)
    thread.is_locked = locked
    thread.save(update_fields=["is_locked"])
    record(actor, "thread.locked" if locked else "thread.unlocked", thread, reason=reason)
    opening = thread.posts.filter(is_opening=True).first()
    if opening:
        action = "thread.locked" if locked else "thread.unlocked"
        transaction.on_commit(lambda: notices.moderated(opening, action, reason, actor))
    return True


def move(actor, thread: Thread, space: Space, reason: str) -> bool:
    if thread.space_id == space.pk:
        return False
    reason = _reason(reason)
    old = thread.space
    thread.space = space
    thread.save(update_fields=["space"])
    record(actor, "thread.moved", thread, reason=reason, source=old.slug, target=space.slug)
    reindex_later(thread.pk)
    opening = thread.posts.filter(is_opening=True).first()
    if opening:
        transaction.on_commit(lambda: notices.moderated(opening, "thread.moved", reason, actor))
    return True


def split(actor, thread: Thread, posts: list[Post], title: str, reason: str) -> Thread:
    """Move ``posts`` (replies of ``thread``) into a new thread in the same space."""
    reason = _reason(reason)
    title = "".join(ch for ch in (title or "") if ch >= " ").strip()[:200]
    if not title:
        raise Refused("title", _("The new thread needs a title."), "title")
    posts = sorted(
        (p for p in posts if p.thread_id == thread.pk and not p.is_opening),
        key=lambda p: (p.created_at, p.pk),
    )
    if not posts:
        raise Refused("posts", _("Choose at least one reply to split off."), "posts")
    first = posts[0]
    with transaction.atomic():
        new = Thread.objects.create(
            space=thread.space,
            author=first.author,
            title=title,
            kind=thread.kind,
            language=first.language,
            theme=thread.theme,
            status=first.status,
            last_post_at=posts[-1].created_at,
        )
        Post.objects.filter(pk__in=[p.pk for p in posts]).update(thread=new, reply_to=None)
        Post.objects.filter(pk=first.pk).update(is_opening=True)
        thread.acceptances.filter(post__in=[p.pk for p in posts]).update(thread=new)
        recount(thread)
        recount(new)
        record(actor, "thread.split", thread, reason=reason, new_thread=new.pk, posts=len(posts))
    return new


def merge(actor, source: Thread, target: Thread, reason: str) -> bool:
    """Move every post of ``source`` into ``target``; ``source`` then points to ``target``."""
    if source.pk == target.pk:
        raise Refused("target", _("A thread cannot be merged into itself."), "target")
    reason = _reason(reason)
    with transaction.atomic():
        source.posts.update(thread=target, is_opening=False)
        source.acceptances.update(thread=target)
        Thread.objects.filter(pk=source.pk).update(merged_into=target)
        recount(target)
        record(actor, "thread.merged", source, reason=reason, target=target.pk)
        reindex_later(source.pk)
    return True
