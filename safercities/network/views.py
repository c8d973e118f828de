"""Reading and writing discussions: network home, spaces, threads, replies, answers."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from safercities.accounts.permissions import check_member, is_member
from safercities.core.languages import CONTENT_LANGUAGES
from safercities.network import follows, permissions, services
from safercities.network.enums import FollowKind, PostStatus, ThreadKind
from safercities.network.forms import (
    AcceptForm,
    EditPostForm,
    ReplyForm,
    ThreadForm,
    TranslationForm,
)
from safercities.network.models import (
    AcceptedAnswer,
    Attachment,
    Post,
    PostTranslation,
    Space,
    Thread,
    ThreadRead,
)
from safercities.network.related import cards_for
from safercities.network.trust import Refused

THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 25
DOWNLOAD_CSP = "sandbox; default-src 'none'"


def refused_to_form(form, exc: Refused) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def reader_languages(request: HttpRequest) -> list[str]:
    """The languages a reader asked for (``?language=…``), or with ``?mine=1`` their profile's."""
    wanted = [code for code in request.GET.getlist("language") if code in CONTENT_LANGUAGES]
    if request.GET.get("mine") and is_member(request.user):
        wanted += [c for c in (request.user.languages or []) if c in CONTENT_LANGUAGES]
    return list(dict.fromkeys(wanted))


def thread_filters(request: HttpRequest, threads):
    filters = {
        "kind": request.GET.get("kind", ""),
        "answered": request.GET.get("answered", ""),
        "languages": reader_languages(request),
        "mine": bool(request.GET.get("mine")),
    }
    if filters["kind"] in ThreadKind.values:
        threads = threads.filter(kind=filters["kind"])
    else:
        filters["kind"] = ""
    if filters["answered"] == "yes":
        threads = threads.questions().answered()
    elif filters["answered"] == "no":
        threads = threads.questions().unanswered()
    else:
        filters["answered"] = ""
    if filters["languages"]:
        threads = threads.in_languages(filters["languages"])
    return threads, filters


def _thread_page(request, threads):
    threads = threads.select_related("author", "space", "theme").latest_first()
    return Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))


def _languages_in_use():
    used = set(Thread.objects.listed().order_by().values_list("language", flat=True).distinct())
    return [(code, name) for code, name in CONTENT_LANGUAGES.items() if code in used]


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    spaces = permissions.filter_spaces_queryset(request.user, Space.objects.all()).annotate(
        thread_count=Count("threads", filter=Q(threads__status=PostStatus.VISIBLE))
    )
    visible = permissions.filter_threads_queryset(request.user, Thread.objects.listed())
    threads, filters = thread_filters(request, visible)
    context = {
        "spaces": spaces.order_by("kind", "name"),
        "page": _thread_page(request, threads),
        "filters": filters,
        "languages": _languages_in_use(),
        "unanswered": visible.questions().unanswered().count(),
    }
    return render(request, "network/home.html", context)


def _space_or_404(request, slug: str) -> Space:
    space = get_object_or_404(Space.objects.select_related("theme", "country", "city"), slug=slug)
    if not permissions.can_see_space(request.user, space):
        raise Http404
    return space


@require_safe
def space_detail(request: HttpRequest, slug: str) -> HttpResponse:
    space = _space_or_404(request, slug)
    visible = permissions.filter_threads_queryset(
        request.user, Thread.objects.listed().filter(space=space)
    )
    threads, filters = thread_filters(request, visible)
    context = {
        "space": space,
        "page": _thread_page(request, threads),
        "filters": filters,
        "languages": _languages_in_use(),
        "follow_level": follows.level_of(request.user, FollowKind.SPACE, space),
        "theme_level": space.theme
        and follows.level_of(request.user, FollowKind.THEME, space.theme),
        "city_level": space.city and follows.level_of(request.user, FollowKind.CITY, space.city),
        "is_moderator": permissions.is_moderator(request.user, space),
    }
    if request.htmx and not request.htmx.boosted:
        return render(request, "network/space_detail.html#thread-list", context)
    return render(request, "network/space_detail.html", context)


def thread_start(request: HttpRequest, slug: str) -> HttpResponse:
    check_member(request.user)
    space = _space_or_404(request, slug)
    permissions.check_can_start_thread(request.user, space)
    form = ThreadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            thread = services.start_thread(
                request.user,
                space,
                title=data["title"],
                body=data["body"],
                language=data["language"],
                kind=data["kind"],
                theme=data["theme"],
                uploads=data["attachments"],
            )
        except Refused as exc:
            refused_to_form(form, exc)
        else:
            if thread.status == PostStatus.PENDING:
                messages.info(
                    request,
                    _(
                        "Thank you. A moderator checks a new member's first posts before others "
                        "see them."
                    ),
                )
            return redirect(thread)
    elif request.method == "GET" and space.theme_id:
        form.initial["theme"] = space.theme.slug
    return render(request, "network/thread_form.html", {"space": space, "form": form})


def visible_thread(request, pk: int) -> Thread:
    threads = permissions.filter_threads_queryset(request.user, Thread.objects.all())
    return get_object_or_404(threads.select_related("space", "theme", "author"), pk=pk)


def _mark_read(user, thread) -> None:
    if is_member(user):
        now = timezone.now()
        if not ThreadRead.objects.filter(user=user, thread=thread).update(read_at=now):
            ThreadRead.objects.create(user=user, thread=thread, read_at=now)


@require_safe
def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    thread = visible_thread(request, pk)
    if thread.merged_into_id:
        return redirect("network:thread", pk=thread.merged_into_id)
    moderator = permissions.is_moderator(request.user, thread.space)
    posts = permissions.filter_posts_queryset(
        request.user, thread, thread.posts.all(), moderator=moderator
    )
    posts = (
        posts.in_order()
        .select_related("author", "acceptance__country")
        .prefetch_related(
            Prefetch("translations", queryset=PostTranslation.objects.select_related("translator")),
            "attachments",
        )
    )
    page = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("page"))
    user = request.user
    can_reply = is_member(user) and (moderator or not thread.is_locked)
    context = {
        "thread": thread,
        "space": thread.space,
        "page": page,
        "is_moderator": moderator,
        "is_asker": is_member(user) and thread.author_id == user.pk,
        "reply_form": ReplyForm(initial={"reply_to": request.GET.get("reply_to")})
        if can_reply
        else None,
        "follow_level": follows.level_of(user, FollowKind.THREAD, thread),
        "reader_languages": set(getattr(user, "languages", None) or [])
        | {request.LANGUAGE_CODE.replace("_", "-")},
    }
    follow_level = context["follow_level"]
    if follow_level and follow_level != "muted":
        _mark_read(user, thread)  # read marks serve the unread counts of followed threads
    context["cards"] = cards_for(thread, page.object_list)
    if request.htmx and not request.htmx.boosted:
        return render(request, "network/thread_detail.html#posts", context)
    return render(request, "network/thread_detail.html", context)


@require_POST
def thread_reply(request: HttpRequest, pk: int) -> HttpResponse:
    check_member(request.user)
    thread = visible_thread(request, pk)
    moderator = permissions.is_moderator(request.user, thread.space)
    permissions.check_can_reply(request.user, thread, moderator=moderator)
    form = ReplyForm(request.POST, request.FILES or None)
    if form.is_valid():
        data = form.cleaned_data
        reply_to = None
        if data["reply_to"]:
            reply_to = thread.posts.filter(pk=data["reply_to"]).first()
        try:
            post = services.reply(
                request.user,
                thread,
                body=data["body"],
                language=data["language"],
                reply_to=reply_to,
                uploads=data["attachments"],
            )
        except Refused as exc:
            refused_to_form(form, exc)
        else:
            if post.status == PostStatus.PENDING:
                messages.info(
                    request,
                    _(
                        "Thank you. A moderator checks a new member's first posts before others "
                        "see them."
                    ),
                )
            return redirect(post)
    return render(request, "network/reply_form.html", {"thread": thread, "form": form}, status=400)


def _visible_post(request, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread__space", "author"), pk=pk)
    thread = visible_thread(request, post.thread_id)
    moderator = permissions.is_moderator(request.user, thread.space)
    own = is_member(request.user) and post.author_id == request.user.pk
    if post.status == PostStatus.HIDDEN and not moderator:
        raise Http404
    if post.status == PostStatus.PENDING and not (moderator or own):
        raise Http404
    post.thread = thread
    return post


@require_safe
def post_link(request: HttpRequest, pk: int) -> HttpResponse:
    """A post's permanent address: the thread page it is on, at the post."""
    post = _visible_post(request, pk)
    moderator = permissions.is_moderator(request.user, post.thread.space)
    before = permissions.filter_posts_queryset(
        request.user, post.thread, post.thread.posts.all(), moderator=moderator
    ).filter(Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk))
    page = before.count() // POSTS_PER_PAGE + 1
    url = post.thread.get_absolute_url()
    if page > 1:
        url += f"?page={page}"
    return redirect(f"{url}#post-{post.pk}")


def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    check_member(request.user)
    post = _visible_post(request, pk)
    moderator = permissions.is_moderator(request.user, post.thread.space)
    permissions.check_can_edit_post(request.user, post, moderator=moderator)
    initial = {"body": post.body, "language": post.language}
    form = EditPostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(
                request.user,
                post,
                body=form.cleaned_data["body"],
                language=form.cleaned_data["language"],
            )
        except Refused as exc:
            refused_to_form(form, exc)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(post)
    revisions = post.revisions.select_related("edited_by") if moderator else []
    return render(
        request,
        "network/post_edit.html",
        {"post": post, "form": form, "revisions": revisions, "is_moderator": moderator},
    )


def post_accept(request: HttpRequest, pk: int) -> HttpResponse:
    check_member(request.user)
    post = _visible_post(request, pk)
    thread = post.thread
    moderator = permissions.is_moderator(request.user, thread.space)
    permissions.check_can_accept(request.user, thread, moderator=moderator)
    form = AcceptForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("undo"):
            services.unaccept_answer(request.user, post)
            messages.success(request, _("The answer is no longer marked as accepted."))
            return redirect(post)
        if form.is_valid():
            try:
                services.accept_answer(request.user, post, **form.cleaned_data)
            except Refused as exc:
                refused_to_form(form, exc)
            else:
                messages.success(request, _("The answer is marked as accepted. Thank you."))
                return redirect(post)
    return render(request, "network/post_accept.html", {"post": post, "form": form})


def post_translate(request: HttpRequest, pk: int) -> HttpResponse:
    check_member(request.user)
    post = _visible_post(request, pk)
    if post.status != PostStatus.VISIBLE:
        raise Http404
    form = TranslationForm(request.POST or None, initial={"language": request.GET.get("language")})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_translation(request.user, post, **form.cleaned_data)
        except Refused as exc:
            refused_to_form(form, exc)
        else:
            messages.success(request, _("Thank you for the translation."))
            return redirect(post)
    return render(request, "network/post_translate.html", {"post": post, "form": form})


@require_safe
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(Attachment, pk=pk)
    _visible_post(request, attachment.post_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, content_type=attachment.file_type, as_attachment=True, filename=attachment.name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cache-Control"] = "private, max-age=0"
    return response


@require_safe
def questions(request: HttpRequest) -> HttpResponse:
    visible = permissions.filter_threads_queryset(request.user, Thread.objects.listed())
    threads, filters = thread_filters(request, visible.questions())
    accepted = AcceptedAnswer.objects.filter(thread__in=visible.values("pk")).count()
    context = {
        "page": _thread_page(request, threads),
        "filters": filters,
        "languages": _languages_in_use(),
        "accepted_count": accepted,
    }
    return render(request, "network/questions.html", context)


@require_safe
def needs_translation(request: HttpRequest) -> HttpResponse:
    from safercities.network.translations import all_posts, needing_translation, wanted_languages

    wanted = wanted_languages()
    codes = [code for code, _n in wanted]
    language = request.GET.get("language", "")
    if language not in codes:
        mine = [c for c in (getattr(request.user, "languages", None) or []) if c in codes]
        language = mine[0] if mine else (codes[0] if codes else "")
    page = None
    if language:
        threads = permissions.filter_threads_queryset(request.user, Thread.objects.listed())
        posts = needing_translation(all_posts().filter(thread__in=threads.values("pk")), language)
        posts = posts.select_related("thread", "author").order_by("-is_opening", "-created_at")
        page = Paginator(posts, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "wanted": [(code, CONTENT_LANGUAGES[code], n) for code, n in wanted],
        "language": language,
        "language_name": CONTENT_LANGUAGES.get(language, ""),
        "page": page,
    }
    return render(request, "network/needs_translation.html", context)
