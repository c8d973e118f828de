"""Reading the library: list, detail, download, collections."""

from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from safercities.accounts.permissions import is_editor
from safercities.core.languages import CONTENT_LANGUAGES
from safercities.library import permissions
from safercities.library.enums import ResourceStatus, ResourceType
from safercities.library.forms import ReviewForm
from safercities.library.models import Collection, Resource
from safercities.library.services import count_download
from safercities.places.models import City
from safercities.taxonomy.models import Theme

PAGE_SIZE = 20
# Served files may not run anything, even when opened directly: no script, no plugins,
# no same-origin access (sandbox), nothing loaded from elsewhere.
DOWNLOAD_CSP = "sandbox; default-src 'none'"


def _filters(request: HttpRequest) -> dict:
    """The list filters the request asks for, keeping only valid values."""
    wanted = {
        "type": request.GET.get("type", ""),
        "theme": request.GET.get("theme", ""),
        "language": request.GET.get("language", ""),
        "city": request.GET.get("city", ""),
    }
    if wanted["type"] not in ResourceType.values:
        wanted["type"] = ""
    if wanted["language"] not in CONTENT_LANGUAGES:
        wanted["language"] = ""
    return wanted


@require_safe
def resource_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    resources = Resource.objects.published().newest_first()
    theme = Theme.objects.filter(slug=filters["theme"]).first() if filters["theme"] else None
    city = City.objects.filter(slug=filters["city"]).first() if filters["city"] else None
    if filters["type"]:
        resources = resources.filter(resource_type=filters["type"])
    if filters["language"]:
        resources = resources.filter(language=filters["language"])
    if theme:
        resources = resources.filter(themes=theme)
    if city:
        resources = resources.filter(cities=city)
    languages = set(Resource.objects.published().values_list("language", flat=True).distinct())
    page = Paginator(resources, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "theme": theme,
        "city": city,
        "types": ResourceType.choices,
        "themes": Theme.objects.all(),
        "languages": [(c, n) for c, n in CONTENT_LANGUAGES.items() if c in languages],
        "collections": Collection.objects.published()[:6],
    }
    return render(request, "library/resource_list.html", context)


def _share_links(request: HttpRequest, resource: Resource) -> dict:
    url = request.build_absolute_uri(resource.get_absolute_url())
    text = f"{resource.title} {url}"
    return {
        "url": url,
        "mailto": f"mailto:?subject={quote(resource.title)}&body={quote(url)}",
        "whatsapp": f"https://wa.me/?text={quote(text)}",
    }


@require_safe
def resource_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visible = permissions.filter_resources_queryset(request.user, Resource.objects.all())
    resource = get_object_or_404(
        visible.select_related("submitter", "reviewed_by").with_facets(), pk=pk
    )
    editor = is_editor(request.user)
    context = {
        "resource": resource,
        "translations": list(resource.translations()),
        "can_edit": permissions.can_edit_resource(request.user, resource),
        "is_submitter": permissions.is_submitter(request.user, resource),
        "is_editor": editor,
        "review_form": ReviewForm() if editor and resource.status == "submitted" else None,
        "share": _share_links(request, resource) if resource.is_published else None,
        "collections": resource.collections.filter(is_published=True),
        "statuses": ResourceStatus,
    }
    return render(request, "library/resource_detail.html", context)


@require_safe
def resource_download(request: HttpRequest, pk: int) -> FileResponse:
    visible = permissions.filter_resources_queryset(request.user, Resource.objects.all())
    resource = get_object_or_404(visible, pk=pk)
    if not resource.file:
        raise Http404
    try:
        handle = resource.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    if request.method == "GET" and not resource.is_private:
        count_download(resource)
    response = FileResponse(
        handle,
        content_type=resource.file_type or "application/octet-stream",
        as_attachment=True,
        filename=resource.download_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, max-age=0"
    return response


@require_safe
def collection_detail(request: HttpRequest, slug: str) -> HttpResponse:
    collections = (
        Collection.objects.all() if is_editor(request.user) else Collection.objects.published()
    )
    collection = get_object_or_404(collections, slug=slug)
    resources = collection.published_resources()
    return render(
        request,
        "library/collection_detail.html",
        {"collection": collection, "resources": resources, "is_editor": is_editor(request.user)},
    )
