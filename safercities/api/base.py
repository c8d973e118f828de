"""The JSON API root: ``/api/v1/``. Apps add routers with ``api.add_router``.

Authentication: the browser session (with CSRF for writes) or a personal token
(``Authorization: Bearer sch_…``, created on the profile page). Errors are JSON;
validation errors are 400 and name each offending field.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, django_auth

from safercities.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = ApiToken.objects.select_related("user").find(token)
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


AUTH = [TokenAuth(), django_auth]

api = NinjaAPI(
    title="Safer Cities Hub API",
    version="1",
    description=(
        "Read the Hub's public knowledge and places; members act on their own account. "
        "Authenticate with a session cookie or `Authorization: Bearer <token>`."
    ),
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
)


def _field_name(location: tuple) -> str:
    parts = [str(p) for p in location if p not in ("body", "query", "path", "payload", "form")]
    return ".".join(parts) or "request"


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    errors = [
        {"field": _field_name(tuple(error.get("loc", ()))), "message": error.get("msg", "")}
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": "Invalid input.", "errors": errors}, status=400)


@api.exception_handler(AuthenticationError)
def _authentication_error(request, exc):
    return api.create_response(request, {"detail": "Authentication required."}, status=401)


@api.exception_handler(PermissionDenied)
def _permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Forbidden."}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


class FieldError(Exception):
    """Raise from an endpoint to answer 400 naming one field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@api.exception_handler(FieldError)
def _field_error(request, exc: FieldError):
    return api.create_response(
        request,
        {"detail": "Invalid input.", "errors": [{"field": exc.field, "message": exc.message}]},
        status=400,
    )
