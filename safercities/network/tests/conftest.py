"""Fixtures of the network tests: spaces of every visibility, thread and post factories."""

import itertools

import pytest
from django.utils import timezone

from safercities.network.enums import PostStatus, SpaceKind, ThreadKind, Visibility
from safercities.network.models import Post, Space, Thread
from safercities.taxonomy.models import Theme

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def theme(db) -> Theme:
    return Theme.objects.get(slug="womens-safety")


@pytest.fixture
def make_space(db):
    def make(*, visibility: str = Visibility.PUBLIC, kind: str = SpaceKind.THEME, **extra):
        n = next(_counter)
        return Space.objects.create(
            slug=extra.pop("slug", f"space-{n}"),
            name=extra.pop("name", f"Space {n}"),
            kind=kind,
            visibility=visibility,
            **extra,
        )

    return make


@pytest.fixture
def space(make_space, theme) -> Space:
    return make_space(name="Women's safety", slug="womens-safety", theme=theme)


@pytest.fixture
def make_thread(db):
    def make(
        *,
        space: Space,
        author,
        title: str | None = None,
        body: str = "What worked for you?",
        kind: str = ThreadKind.QUESTION,
        language: str = "en",
        status: str = PostStatus.VISIBLE,
        **extra,
    ) -> Thread:
        thread = Thread.objects.create(
            space=space,
            author=author,
            title=title or f"Thread {next(_counter)}",
            kind=kind,
            language=language,
            status=status,
            theme=extra.pop("theme", space.theme),
            last_post_at=timezone.now(),
            **extra,
        )
        Post.objects.create(
            thread=thread,
            author=author,
            is_opening=True,
            body=body,
            body_html=f"<p>{body}</p>",
            language=language,
            status=status,
        )
        return thread

    return make


@pytest.fixture
def make_post(db):
    def make(*, thread: Thread, author, body: str = "A reply.", status=PostStatus.VISIBLE, **extra):
        post = Post.objects.create(
            thread=thread,
            author=author,
            body=body,
            body_html=f"<p>{body}</p>",
            language=extra.pop("language", "en"),
            status=status,
            **extra,
        )
        if status == PostStatus.VISIBLE:
            Thread.objects.filter(pk=thread.pk).update(
                reply_count=thread.posts.visible().count() - 1
            )
        return post

    return make


@pytest.fixture
def establish(space, make_thread):
    """``establish(user)`` gives a member one approved post, so they are no longer new."""

    def make(user):
        make_thread(space=space, author=user, title="Hello", kind=ThreadKind.DISCUSSION)
        return user

    return make


@pytest.fixture
def thread(space, member, make_thread, establish) -> Thread:
    establish(member)
    return make_thread(space=space, author=member, title="How do you light a market lane?")
