"""The JSON API root: ``/api/v1/``. Apps add routers with ``api.add_router``.

Authentication: the browser session (with CSRF for writes) or a personal token
(``Authorization: Bearer sch_…``, created on the profile page). Errors are JSON;
validation errors are 400 and name each offending field.

Conventions every endpoint follows (docs/api.md → "Writing an endpoint"):

- ``auth=AUTH`` when a caller must be known, ``auth=OPTIONAL_AUTH`` when anonymous callers
  are served too (drafts, city versions for their team…). Sending a token that is wrong is
  always a 401, never a silent fall-back to anonymous.
- The OpenAPI document declares the errors that really occur, added here in one place
  (:class:`HubOpenAPISchema`): 400 for every operation that takes parameters or a body, 401
  for every operation that reads credentials, 404 for every operation with a path
  parameter, 403 where the endpoint declares it (``response={200: X, 403: Error}``).
- Allowed values and ranges belong in the schema: ``Literal``/enums and ``Field(ge=…, le=…)``
  on query and body parameters, so that clients (and the schemathesis test) know them.
- Text holding U+0000 and JSON nested without bound are refused before any endpoint runs
  (``safercities.core.middleware.RefuseNulMiddleware``).
"""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser
from ninja.security import HttpBearer, django_auth
from pydantic import ConfigDict

from safercities.accounts.models import ApiToken
from safercities.core.sanitize import loads_json


class TokenAuth(HttpBearer):
    """A personal token. A request that sends an ``Authorization`` header which is not a
    valid token is refused (401), even where anonymous callers are welcome."""

    def __call__(self, request: HttpRequest):
        if not request.headers.get("Authorization"):
            return None
        user = super().__call__(request)
        if not user:
            raise AuthenticationError
        return user

    def authenticate(self, request: HttpRequest, token: str):
        found = ApiToken.objects.select_related("user").find(token)
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


class AnonymousAuth:
    """Last in ``OPTIONAL_AUTH``: no credentials → an anonymous caller."""

    def __call__(self, request: HttpRequest):
        return AnonymousUser()


AUTH = [TokenAuth(), django_auth]
OPTIONAL_AUTH = [TokenAuth(), django_auth, AnonymousAuth()]


class BodySchema(Schema):
    """Base for JSON request bodies: values must have their declared JSON type (``0`` is not
    ``false``, ``"5"`` is not ``5``), as the OpenAPI document says."""

    model_config = ConfigDict(strict=True)


class Error(Schema):
    detail: str


class FieldProblem(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldProblem]


def _ref(name: str) -> dict:
    return {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}}


_ERROR_RESPONSES = {
    400: ("Invalid input: each problem names its field.", "ValidationErrorOut"),
    401: ("Authentication required, or the token sent is not valid.", "Error"),
    403: ("The caller may not do this.", "Error"),
    404: ("Not found (or not visible to the caller).", "Error"),
}


class HubOpenAPISchema(OpenAPISchema):
    """Ninja's document plus the errors that really occur and optional authentication."""

    def __init__(self, api, path_prefix: str) -> None:
        super().__init__(api, path_prefix)
        schemas = self["components"].setdefault("schemas", {})
        for model in (Error, FieldProblem, ValidationErrorOut):
            schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(schema.pop("$defs", {}))
            schemas[model.__name__] = schema

    def operation_details(self, operation) -> dict:
        details = super().operation_details(operation)
        responses = details["responses"]
        optional = any(isinstance(cb, AnonymousAuth) for cb in operation.auth_callbacks)
        codes = set()
        if details.get("parameters") or details.get("requestBody"):
            codes.add(400)
        if operation.auth_callbacks:
            codes.add(401)
        if any(p.get("in") == "path" for p in details.get("parameters", [])):
            codes.add(404)
        for code in sorted(codes):
            if code not in responses:
                description, schema = _ERROR_RESPONSES[code]
                responses[code] = {"description": description, **_ref(schema)}
        for code, response in responses.items():
            if code in _ERROR_RESPONSES and "content" not in response:
                response.update(_ref(_ERROR_RESPONSES[code][1]))
        if optional and details.get("security"):
            details["security"] = [*details["security"], {}]
        return details


class HubParser(Parser):
    """JSON bodies must be objects (a list or a number is a 400, not an empty update)."""

    def parse_body(self, request: HttpRequest):
        body = loads_json(request.body)
        if not isinstance(body, dict):
            raise ValidationError([{"loc": ("body",), "msg": "The body must be a JSON object."}])
        return body


class HubAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return HubOpenAPISchema(self, path_prefix)


api = HubAPI(
    title="Safer Cities Hub API",
    version="1",
    description=(
        "Read the Hub's public knowledge and places; members act on their own account. "
        "Authenticate with a session cookie or `Authorization: Bearer <token>`."
    ),
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
    parser=HubParser(),
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
    if exc.status_code == 400:  # e.g. a body that is not a JSON object: same shape as any 400
        payload = {"detail": "Invalid input.", "errors": [{"field": "body", "message": str(exc)}]}
        return api.create_response(request, payload, status=400)
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
