"""The network in the JSON API: spaces, threads, posts, answers, translations, directory."""

from datetime import datetime
from typing import Literal

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from safercities.accounts.enums import OrganisationType
from safercities.accounts.permissions import check_member
from safercities.api.base import AUTH, OPTIONAL_AUTH, BodySchema, Error, FieldError
from safercities.core.languages import normalize_language_code
from safercities.network import directory, moderation, permissions, services
from safercities.network.enums import CitySize, InterventionKind, ReportReason, ThreadKind
from safercities.network.models import Post, Space, Thread
from safercities.network.trust import Refused
from safercities.places.models import Country
from safercities.taxonomy.models import Theme

router = Router(tags=["network"])
POSTS_PAGE = 25


class SpaceOut(Schema):
    slug: str
    name: str
    kind: str
    visibility: str = Field(description="public, members, city_team or cohort")
    theme: str | None
    country: str | None
    city: str | None
    url: str


class ThreadOut(Schema):
    id: int
    url: str
    space: str
    title: str
    kind: str = Field(description="question or discussion")
    language: str
    theme: str | None
    status: str
    is_locked: bool
    is_answered: bool
    reply_count: int
    created_at: datetime
    last_post_at: datetime


class ThreadListOut(Schema):
    count: int
    items: list[ThreadOut]


class AcceptanceOut(Schema):
    city_size: str
    country: str | None
    intervention: str
    note: str


class TranslationOut(Schema):
    language: str
    body: str
    body_html: str
    translator: str


class PostOut(Schema):
    id: int
    url: str
    author: str
    is_opening: bool
    body: str = Field(description="Markdown")
    body_html: str = Field(description="Sanitised HTML")
    language: str
    status: str
    created_at: datetime
    accepted: AcceptanceOut | None
    translations: list[TranslationOut]


class ThreadDetailOut(ThreadOut):
    page: int
    pages: int
    posts: list[PostOut]


class ThreadIn(BodySchema):
    space: str = Field(..., description="the space's slug")
    title: str = Field(..., min_length=1, max_length=200)
    body: str = Field(..., description=f"Markdown, at most {services.MAX_BODY} characters")
    kind: Literal["question", "discussion"] = "question"
    language: str = Field("", description="BCP-47; empty: detected from the script")
    theme: str | None = None


class PostIn(BodySchema):
    body: str = Field(..., description=f"Markdown, at most {services.MAX_BODY} characters")
    language: str = ""
    reply_to: int | None = None


class AcceptIn(BodySchema):
    city_size: Literal["", "small", "medium", "large"] = ""
    country: str | None = None
    intervention: Literal["", "social", "situational", "institutional", "reintegration"] = ""
    note: str = Field("", max_length=300)


class TranslationIn(BodySchema):
    language: str
    body: str = Field(..., description=f"Markdown, at most {services.MAX_BODY} characters")


class ReportIn(BodySchema):
    reason: Literal["spam", "abuse", "privacy", "off_topic", "other"]
    note: str = Field("", max_length=500)


class MemberOut(Schema):
    id: int
    name: str
    organisation: str | None
    city: str | None
    country: str | None
    languages: list[str]
    themes: list[str]
    accepted_answers: int
    url: str


class MemberListOut(Schema):
    count: int
    items: list[MemberOut]


def _space(space: Space) -> dict:
    return {
        "slug": space.slug,
        "name": space.display_name,
        "kind": space.kind,
        "visibility": space.visibility,
        "theme": space.theme.slug if space.theme_id else None,
        "country": space.country_id,
        "city": space.city.slug if space.city_id else None,
        "url": space.get_absolute_url(),
    }


def _thread(thread: Thread) -> dict:
    return {
        "id": thread.pk,
        "url": thread.get_absolute_url(),
        "space": thread.space.slug,
        "title": thread.title,
        "kind": thread.kind,
        "language": thread.language,
        "theme": thread.theme.slug if thread.theme_id else None,
        "status": thread.status,
        "is_locked": thread.is_locked,
        "is_answered": thread.is_answered,
        "reply_count": thread.reply_count,
        "created_at": thread.created_at,
        "last_post_at": thread.last_post_at,
    }


def _post(post: Post) -> dict:
    acceptance = getattr(post, "acceptance", None) if hasattr(post, "acceptance") else None
    return {
        "id": post.pk,
        "url": post.get_absolute_url(),
        "author": str(post.author) if post.author else "",
        "is_opening": post.is_opening,
        "body": post.body,
        "body_html": post.body_html,
        "language": post.language,
        "status": post.status,
        "created_at": post.created_at,
        "accepted": {
            "city_size": acceptance.city_size,
            "country": acceptance.country_id,
            "intervention": acceptance.intervention,
            "note": acceptance.note,
        }
        if acceptance
        else None,
        "translations": [
            {
                "language": t.language,
                "body": t.body,
                "body_html": t.body_html,
                "translator": str(t.translator) if t.translator else "",
            }
            for t in post.translations.all()
        ],
    }


def _refused(exc: Refused):
    raise FieldError(exc.field, exc.message)


@router.get("/network/spaces", response=list[SpaceOut], auth=OPTIONAL_AUTH,
            summary="Spaces the caller may read")  # fmt: skip
def list_spaces(request):
    spaces = permissions.filter_spaces_queryset(request.auth, Space.objects.all())
    return [_space(s) for s in spaces.select_related("theme", "city").order_by("kind", "name")]


@router.get("/network/threads", response=ThreadListOut, auth=OPTIONAL_AUTH,
            summary="Threads the caller may read, latest activity first")  # fmt: skip
def list_threads(
    request,
    space: str | None = None,
    kind: str | None = None,
    answered: bool | None = None,
    language: str = Query("", description="comma-separated BCP-47 codes, e.g. km,en"),
    limit: int = Query(20, ge=1, le=100),
    offset: int = Query(0, ge=0),
):
    threads = permissions.filter_threads_queryset(request.auth, Thread.objects.listed())
    if space:
        threads = threads.filter(space__slug=space)
    if kind:
        if kind not in ThreadKind.values:
            raise FieldError("kind", f"Use one of {ThreadKind.values}.")
        threads = threads.filter(kind=kind)
    if answered is not None:
        threads = threads.questions().filter(is_answered=answered)
    if language:
        codes = [normalize_language_code(code) for code in language.split(",") if code.strip()]
        if None in codes:
            raise FieldError("language", "Unknown language code.")
        threads = threads.in_languages(codes)
    threads = threads.select_related("space", "theme").latest_first()
    return {
        "count": threads.count(),
        "items": [_thread(t) for t in threads[offset : offset + limit]],
    }


def _visible_thread(request, thread_id: int) -> Thread:
    threads = permissions.filter_threads_queryset(request.auth, Thread.objects.all())
    return get_object_or_404(threads.select_related("space", "theme"), pk=thread_id)


@router.get("/network/threads/{thread_id}", response=ThreadDetailOut, auth=OPTIONAL_AUTH,
            summary="One thread with one page of its posts")  # fmt: skip
def get_thread(request, thread_id: int, page: int = Query(1, ge=1)):
    thread = _visible_thread(request, thread_id)
    moderator = permissions.is_moderator(request.auth, thread.space)
    posts = permissions.filter_posts_queryset(
        request.auth, thread, thread.posts.all(), moderator=moderator
    )
    posts = (
        posts.in_order()
        .select_related("author", "acceptance")
        .prefetch_related("translations__translator")
    )
    paged = Paginator(posts, POSTS_PAGE).get_page(page)
    return {
        **_thread(thread),
        "page": paged.number,
        "pages": paged.paginator.num_pages,
        "posts": [_post(p) for p in paged.object_list],
    }


@router.post("/network/threads", response={201: ThreadOut}, auth=AUTH,
             summary="Ask a question or start a discussion")  # fmt: skip
def create_thread(request, payload: ThreadIn):
    user = request.auth
    check_member(user)
    space = (
        permissions.filter_spaces_queryset(user, Space.objects.all())
        .filter(slug=payload.space)
        .first()
    )
    if space is None:
        raise FieldError("space", "No space with this slug that you may post in.")
    theme = None
    if payload.theme:
        theme = Theme.objects.filter(slug=payload.theme).first()
        if theme is None:
            raise FieldError("theme", "Unknown theme.")
    try:
        thread = services.start_thread(
            user, space, title=payload.title, body=payload.body, language=payload.language,
            kind=payload.kind, theme=theme,
        )  # fmt: skip
    except Refused as exc:
        _refused(exc)
    return Status(201, _thread(Thread.objects.select_related("space", "theme").get(pk=thread.pk)))


@router.post("/network/threads/{thread_id}/posts", response={201: PostOut, 403: Error}, auth=AUTH,
             summary="Reply to a thread")  # fmt: skip
def create_post(request, thread_id: int, payload: PostIn):
    user = request.auth
    thread = _visible_thread(request, thread_id)
    moderator = permissions.is_moderator(user, thread.space)
    permissions.check_can_reply(user, thread, moderator=moderator)
    reply_to = thread.posts.filter(pk=payload.reply_to).first() if payload.reply_to else None
    try:
        post = services.reply(
            user, thread, body=payload.body, language=payload.language, reply_to=reply_to
        )
    except Refused as exc:
        _refused(exc)
    return Status(201, _post(post))


def _visible_post(request, post_id: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("author"), pk=post_id)
    thread = _visible_thread(request, post.thread_id)
    if post.status != "visible" and not permissions.is_moderator(request.auth, thread.space):
        raise FieldError("post", "This post is not visible.")
    post.thread = thread
    return post


@router.post("/network/posts/{post_id}/accept", response={201: PostOut, 403: Error}, auth=AUTH,
             summary="Accept an answer to your question, with its context")  # fmt: skip
def accept(request, post_id: int, payload: AcceptIn):
    user = request.auth
    post = _visible_post(request, post_id)
    moderator = permissions.is_moderator(user, post.thread.space)
    permissions.check_can_accept(user, post.thread, moderator=moderator)
    if payload.city_size and payload.city_size not in CitySize.values:
        raise FieldError("city_size", f"Use one of {CitySize.values}.")
    if payload.intervention and payload.intervention not in InterventionKind.values:
        raise FieldError("intervention", f"Use one of {InterventionKind.values}.")
    country = None
    if payload.country:
        country = Country.objects.filter(code=payload.country.upper()).first()
        if country is None:
            raise FieldError("country", "Unknown country code.")
    try:
        services.accept_answer(
            user, post, city_size=payload.city_size, country=country,
            intervention=payload.intervention, note=payload.note,
        )  # fmt: skip
    except Refused as exc:
        _refused(exc)
    return Status(201, _post(Post.objects.select_related("author", "acceptance").get(pk=post.pk)))


@router.post("/network/posts/{post_id}/translations", response={201: PostOut}, auth=AUTH,
             summary="Add your translation of a post")  # fmt: skip
def translate(request, post_id: int, payload: TranslationIn):
    user = request.auth
    check_member(user)
    post = _visible_post(request, post_id)
    try:
        services.add_translation(user, post, language=payload.language, body=payload.body)
    except Refused as exc:
        _refused(exc)
    return Status(201, _post(Post.objects.select_related("author").get(pk=post.pk)))


@router.post("/network/posts/{post_id}/reports", response={201: dict}, auth=AUTH,
             summary="Report a post to the moderators")  # fmt: skip
def report_post(request, post_id: int, payload: ReportIn):
    user = request.auth
    check_member(user)
    post = _visible_post(request, post_id)
    if payload.reason not in ReportReason.values:
        raise FieldError("reason", f"Use one of {ReportReason.values}.")
    report = moderation.report(user, post=post, reason=payload.reason, note=payload.note)
    return Status(201, {"id": report.pk, "post": post.pk, "reason": report.reason})


@router.get("/network/members", response=MemberListOut, auth=AUTH,
            summary="The member directory (members only)")  # fmt: skip
def list_members(
    request,
    q: str = "",
    city: str = "",
    country: str = "",
    org_type: str = "",
    theme: str = "",
    language: str = "",
    limit: int = Query(24, ge=1, le=100),
    offset: int = Query(0, ge=0),
):
    check_member(request.auth)
    if org_type and org_type not in OrganisationType.values:
        raise FieldError("org_type", f"Use one of {OrganisationType.values}.")
    if language and normalize_language_code(language) is None:
        raise FieldError("language", "Unknown language code.")
    filters = {
        "q": q.strip()[:100], "city": city, "country": country.upper()[:2],
        "org_type": org_type, "theme": theme, "language": normalize_language_code(language) or "",
    }  # fmt: skip
    members = directory.filter_directory(directory.listed_members(), filters)
    members = directory.with_cards(members).order_by("name", "pk")
    items = []
    for person in members[offset : offset + limit]:
        shown = directory.profile_of(person)
        items.append(
            {
                "id": person.pk,
                "name": str(person),
                "organisation": person.organisation.name
                if person.organisation_id and shown.show_organisation
                else None,
                "city": person.city.slug if person.city_id and shown.show_city else None,
                "country": person.city.country_id if person.city_id and shown.show_city else None,
                "languages": list(person.languages or []) if shown.show_languages else [],
                "themes": [t.slug for t in person.themes.all()] if shown.show_themes else [],
                "accepted_answers": person.accepted_answers,
                "url": f"/network/members/{person.pk}/",
            }
        )
    return {"count": members.count(), "items": items}
