from django.middleware.gzip import GZipMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy

from safercities.core import sanitize


class UserLanguageMiddleware:
    """Logged-in members get the interface language saved in their profile.

    Placed before LocaleMiddleware, it turns the profile's choice into the request's
    language cookie value, so Django's normal negotiation (cookie → Accept-Language)
    applies to everyone and the profile wins for members.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.contrib.auth import get_user

        user = get_user(request)
        language = getattr(user, "ui_language", "") if user.is_authenticated else ""
        if language and translation.check_for_language(language):
            request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = language
        request._cached_user = user
        return self.get_response(request)


class HtmxVaryMiddleware:
    """Pages may answer htmx requests with a fragment: caches must keep the two apart."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ("HX-Request",))
        return response


NUL_MESSAGE = gettext_lazy(
    "Text may not contain the null character (U+0000). Remove it and try again."
)
TOO_DEEP_MESSAGE = gettext_lazy(
    "The JSON document is nested too deeply (more than %(limit)s levels)."
)


def _refusal(request, field: str, message: str):
    from django.http import JsonResponse
    from django.shortcuts import render

    if request.path.startswith("/api/"):
        payload = {"detail": "Invalid input.", "errors": [{"field": field, "message": message}]}
        return JsonResponse(payload, status=400)
    return render(request, "400.html", {"message": message}, status=400)


def request_problem(request) -> tuple[str, str] | None:
    """``(field, message)`` when the request holds a NUL or over-deep JSON, else None.

    The one check for every way text enters over HTTP: path, query string, form fields
    and JSON bodies (uploaded files are data, not text, and are left alone).
    """
    if "\x00" in request.path:
        return "path", str(NUL_MESSAGE)
    sources = [request.GET] + ([request.POST] if request.method == "POST" else [])
    for source in sources:
        for key, values in source.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return key.replace("\x00", "\\u0000"), str(NUL_MESSAGE)
    if request.method in ("POST", "PUT", "PATCH") and "json" in request.content_type:
        try:
            document = sanitize.loads_json(request.body)
        except sanitize.JSONTooDeep as exc:
            return "body", str(TOO_DEEP_MESSAGE % {"limit": exc.limit})
        except ValueError:
            return None  # malformed JSON: the view answers with its own 400
        where = sanitize.find_nul(document)
        if where is not None:
            return ".".join(where) or "body", str(NUL_MESSAGE)
    return None


class RefuseNulMiddleware:
    """Answer 400 naming the field for text holding U+0000 (PostgreSQL cannot store it;
    SQLite would keep it silently) and for JSON nested without bound."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = request_problem(request)
        if problem is not None:
            return _refusal(request, *problem)
        return self.get_response(request)


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, for text only: photos, XLSX and PDFs are compressed already."""

    COMPRESSIBLE = (
        "text/",
        "application/json",
        "application/xml",
        "application/atom+xml",
        "application/javascript",
        "image/svg+xml",
        "application/geo+json",
    )

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(self.COMPRESSIBLE):
            return response
        return super().process_response(request, response)


class StorageFullMiddleware:
    """A full disk (or quota) while saving: a clear 507 answer instead of a server error.

    Services save the file before the rows that point to it and write rows in transactions,
    so nothing half-saved stays behind; this says so to the user, in their language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        import logging

        from django.http import JsonResponse
        from django.shortcuts import render
        from django.utils.translation import gettext

        from safercities.core.storage import is_storage_full

        if not is_storage_full(exception):
            return None
        logging.getLogger("safercities.storage").error(
            "storage.full %s %s", request.method, request.path, exc_info=exception
        )
        message = gettext(
            "The server has no room left to store this. Nothing was saved. Please try again "
            "later and tell the site's administrators."
        )
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=507)
        return render(request, "core/storage_full.html", {"message": message}, status=507)
