"""Team-only responses are never stored by a browser's or a proxy's cache.

The one mechanism: a view whose response holds data only its viewer may see (a city team's
raw submissions, exact locations, hot spots, import reports, drafts) is decorated with
:func:`team_only`, or calls :func:`mark_team_only` when that depends on the viewer (a page
that shows the team more than the public). :class:`TeamOnlyCacheMiddleware` then sends
``Cache-Control: private, no-store`` and ``Vary: Cookie, Authorization``, replacing any
caching header the view set. The API uses the same call.
"""

from functools import wraps

from django.utils.cache import patch_vary_headers

TEAM_ONLY_CACHE_CONTROL = "private, no-store"


def mark_team_only(request) -> None:
    """This request's response holds team-only data."""
    request.team_only = True


def team_only(view):
    """Decorate a view whose every response is team-only."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        mark_team_only(request)
        return view(request, *args, **kwargs)

    wrapped.team_only = True
    return wrapped


def is_team_only(request) -> bool:
    return bool(getattr(request, "team_only", False))


class TeamOnlyCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_team_only(request):
            response["Cache-Control"] = TEAM_ONLY_CACHE_CONTROL
            response.headers.pop("Expires", None)
            patch_vary_headers(response, ("Cookie", "Authorization"))
        return response
