"""The verbs of discussions: start a thread, reply, edit, accept an answer, translate.

Each verb checks trust (rate and link limits, first posts waiting for approval), records an
audit entry (``thread.started``, ``post.created``…) and returns what it made. Permission
checks belong to the caller (views, API); notifications are sent after the commit.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from safercities.accounts.models import User
from safercities.core.audit import record
from safercities.core.languages import normalize_language_code
from safercities.library.files import FileKind
from safercities.library.markup import render_markdown
from safercities.network import notices
from safercities.network.enums import PostStatus, ThreadKind
from safercities.network.indexing import reindex_later
from safercities.network.models import (
    AcceptedAnswer,
    Attachment,
    Post,
    PostRevision,
    PostTranslation,
    Space,
    Thread,
)
from safercities.network.scripts import detect_language
from safercities.network.trust import (
    Refused,
    check_links,
    check_post_rate,
    needs_approval,
    trust_level,
)

MAX_BODY = 20_000
MAX_TITLE = 200
_MENTION = re.compile(r"(?<![\w@])@([\w][\w.\-]{1,60})")


@dataclass
class Upload:
    file: Any  # django.core.files.File, already checked by library.files.inspect_file
    kind: FileKind
    name: str


def clean_text(text: str, *, field: str = "body", limit: int = MAX_BODY) -> str:
    """Text without NUL and other control characters, not blank, not too long."""
    text = "".join(ch for ch in (text or "") if ch in "\n\t" or ch >= " ").strip()
    if not text:
        raise Refused("blank", _("This cannot be blank."), field)
    if len(text) > limit:
        raise Refused(
            "too_long",
            _("This is too long: at most %(limit)d characters.") % {"limit": limit},
            field,
        )
    return text


def choose_language(author, text: str, language: str = "") -> str:
    """The author's choice when valid; else the script of the text; else their profile."""
    if language:
        code = normalize_language_code(language)
        if code is None:
            raise Refused("language", _("Unknown language."), "language")
        return code
    detected = detect_language(text, getattr(author, "languages", []) or [])
    if detected:
        return detected
    profile = [c for c in (getattr(author, "languages", []) or []) if normalize_language_code(c)]
    return profile[0] if profile else "en"


def mentioned_users(text: str, exclude=None) -> list[User]:
    """Members named as ``@Name_With_Underscores`` (spaces written as underscores)."""
    names = list(dict.fromkeys(m.replace("_", " ") for m in _MENTION.findall(text)))[:10]
    if not names:
        return []
    found = []
    for name in names:
        user = User.objects.filter(name__iexact=name, is_active=True).first()
        if user is not None and user != exclude and user not in found:
            found.append(user)
    return found


def _attach(post: Post, uploads) -> None:
    for upload in uploads or ():
        upload.file.name = f"upload.{upload.kind.extension}"
        Attachment.objects.create(
            post=post,
            file=upload.file,
            file_type=upload.kind.mime,
            file_size=upload.file.size,
            name=upload.name[:200],
        )


def _check_trust(author, body: str):
    level = trust_level(author)
    check_post_rate(author, level)
    check_links(body, level)
    return level


def start_thread(
    author,
    space: Space,
    *,
    title: str,
    body: str,
    language: str = "",
    kind: str = ThreadKind.DISCUSSION,
    theme=None,
    uploads=(),
) -> Thread:
    title = clean_text(title, field="title", limit=MAX_TITLE)
    body = clean_text(body)
    if kind not in ThreadKind.values:
        raise Refused("kind", _("Unknown kind of thread."), "kind")
    language = choose_language(author, f"{title}\n{body}", language)
    level = _check_trust(author, body)
    status = PostStatus.PENDING if needs_approval(level) else PostStatus.VISIBLE
    now = timezone.now()
    with transaction.atomic():
        thread = Thread.objects.create(
            space=space,
            author=author,
            title=title,
            kind=kind,
            language=language,
            theme=theme or space.theme,
            status=status,
            last_post_at=now,
        )
        post = Post.objects.create(
            thread=thread,
            author=author,
            is_opening=True,
            body=body,
            body_html=render_markdown(body),
            language=language,
            status=status,
        )
        _attach(post, uploads)
        record(author, "thread.started", thread, status=status, language=language)
        reindex_later(thread.pk)
        _after_commit(post)
    return thread


def reply(author, thread: Thread, *, body: str, language: str = "", reply_to=None, uploads=()):
    """Add a reply; refuses replies to locked, hidden or merged threads (moderators excepted
    for locks — the caller decides by checking permissions first)."""
    body = clean_text(body)
    language = choose_language(author, body, language)
    level = _check_trust(author, body)
    status = PostStatus.PENDING if needs_approval(level) else PostStatus.VISIBLE
    with transaction.atomic():
        current = Thread.objects.select_for_update().get(pk=thread.pk)
        if current.status == PostStatus.HIDDEN or current.merged_into_id:
            raise Refused("closed", _("This thread is closed to replies."))
        if reply_to is not None and reply_to.thread_id != thread.pk:
            reply_to = None
        post = Post.objects.create(
            thread=current,
            author=author,
            reply_to=reply_to,
            body=body,
            body_html=render_markdown(body),
            language=language,
            status=status,
        )
        _attach(post, uploads)
        if status == PostStatus.VISIBLE:
            _count_reply(current, post)
        record(author, "post.created", post, thread=thread.pk, status=status)
        _after_commit(post)
    return post


def _after_commit(post: Post) -> None:
    """Tell people once the post is saved: readers when visible, moderators when it waits."""
    if post.status == PostStatus.VISIBLE:
        transaction.on_commit(lambda: notices.post_published(post))
    else:
        transaction.on_commit(lambda: notices.post_pending(post))


def _count_reply(thread: Thread, post: Post, delta: int = 1) -> None:
    changes = {"reply_count": F("reply_count") + delta}
    if delta > 0:
        changes["last_post_at"] = post.created_at
    Thread.objects.filter(pk=thread.pk).update(**changes)


def edit_post(editor, post: Post, *, body: str, language: str = "") -> Post:
    """Change a post's text, keeping the previous text as a revision (moderators see it)."""
    body = clean_text(body)
    language = choose_language(post.author or editor, body, language) if language else post.language
    if editor.pk == post.author_id:
        check_links(body, trust_level(editor))
    with transaction.atomic():
        if body != post.body:
            PostRevision.objects.create(post=post, body=post.body, edited_by=editor)
        post.body = body
        post.body_html = render_markdown(body)
        post.language = language
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "body_html", "language", "edited_at"])
        if post.is_opening and post.thread.language != language:
            Thread.objects.filter(pk=post.thread_id).update(language=language)
        record(editor, "post.edited", post)
        reindex_later(post.thread_id)
    return post


def accept_answer(
    actor,
    post: Post,
    *,
    city_size: str = "",
    country=None,
    intervention: str = "",
    note: str = "",
) -> AcceptedAnswer:
    """Mark a reply as an accepted answer to its question, with the context it worked in."""
    thread = post.thread
    if thread.kind != ThreadKind.QUESTION:
        raise Refused("not_question", _("Only answers to a question can be accepted."), "post")
    if post.is_opening or post.status != PostStatus.VISIBLE:
        raise Refused("not_answer", _("Only a visible reply can be accepted."), "post")
    if hasattr(post, "acceptance"):
        raise Refused("already", _("This answer is already accepted."), "post")
    note = "".join(ch for ch in note if ch >= " ").strip()[:300]
    with transaction.atomic():
        acceptance = AcceptedAnswer.objects.create(
            post=post,
            thread=thread,
            accepted_by=actor,
            city_size=city_size,
            country=country,
            intervention=intervention,
            note=note,
        )
        Thread.objects.filter(pk=thread.pk).update(is_answered=True)
        record(actor, "answer.accepted", post, thread=thread.pk, note=note)
        reindex_later(thread.pk)
        transaction.on_commit(lambda: notices.answer_accepted(acceptance))
    return acceptance


def unaccept_answer(actor, post: Post) -> bool:
    with transaction.atomic():
        deleted, _rows = AcceptedAnswer.objects.filter(post=post).delete()
        if not deleted:
            return False
        still = AcceptedAnswer.objects.filter(thread_id=post.thread_id).exists()
        Thread.objects.filter(pk=post.thread_id).update(is_answered=still)
        record(actor, "answer.unaccepted", post, thread=post.thread_id)
        reindex_later(post.thread_id)
    return True


def add_translation(translator, post: Post, *, language: str, body: str) -> PostTranslation:
    """A member's translation of ``post`` into ``language`` (one per language; its translator
    or a later one may improve it — the credit goes to whoever saved it last)."""
    body = clean_text(body)
    code = normalize_language_code(language)
    if code is None:
        raise Refused("language", _("Unknown language."), "language")
    if code == post.language:
        raise Refused("language", _("The post is already in this language."), "language")
    check_links(body, trust_level(translator))
    with transaction.atomic():
        translation, created = PostTranslation.objects.update_or_create(
            post=post,
            language=code,
            defaults={"body": body, "body_html": render_markdown(body), "translator": translator},
        )
        record(
            translator,
            "post.translated" if created else "post.translation_updated",
            post,
            language=code,
        )
    return translation
