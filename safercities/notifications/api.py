"""Notifications in the JSON API: the member's own notifications and delivery preferences."""

from datetime import datetime
from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from ninja import Body, Field, Query, Router, Schema

from safercities.api.base import AUTH, BodySchema, FieldError
from safercities.notifications import permissions, registry, services
from safercities.notifications.enums import Delivery
from safercities.notifications.models import Notification

router = Router(tags=["notifications"])

MAX_PAGE_SIZE = 100


class NotificationOut(Schema):
    id: int
    verb: str
    message: str = Field(description="The sentence in the member's interface language")
    title: str
    url: str
    language: str = Field(description="BCP-47 language of the content ('' when personal)")
    actor: str | None
    comment: str
    created_at: datetime
    read_at: datetime | None


class NotificationListOut(Schema):
    count: int
    unread: int
    items: list[NotificationOut]


DeliveryName = Literal[tuple(Delivery.values)]  # type: ignore[valid-type]
NotificationId = Annotated[int, Field(ge=1, le=2**63 - 1)]


class ListQuery(Schema):
    unread: bool = False
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(30, ge=1, le=MAX_PAGE_SIZE)


class MarkReadIn(BodySchema):
    ids: list[NotificationId] = Field(default_factory=list, max_length=1000)
    all: bool = Field(False, description="Mark every notification read (ids are ignored)")


class MarkedOut(Schema):
    marked: int


class PreferenceOut(Schema):
    verb: str
    label: str
    group: str
    delivery: DeliveryName
    default: DeliveryName


def _out(notification: Notification) -> dict:
    return {
        "id": notification.pk,
        "verb": notification.verb,
        "message": notification.message,
        "title": notification.title,
        "url": notification.url,
        "language": notification.language,
        "actor": str(notification.actor) if notification.actor_id else None,
        "comment": notification.comment,
        "created_at": notification.created_at,
        "read_at": notification.read_at,
    }


def _mine(request):
    permissions.check_can_read_notifications(request.auth)
    return permissions.filter_notifications_queryset(request.auth, Notification.objects.all())


@router.get("/notifications", response=NotificationListOut, auth=AUTH, summary="My notifications")
def list_notifications(request, filters: Query[ListQuery]):
    mine = _mine(request)
    shown = mine.unread() if filters.unread else mine
    start = (filters.page - 1) * filters.page_size
    items = shown.select_related("actor")[start : start + filters.page_size]
    return {
        "count": shown.count(),
        "unread": mine.unread().count(),
        "items": [_out(n) for n in items],
    }


@router.post(
    "/notifications/read", response=MarkedOut, auth=AUTH, summary="Mark notifications read"
)
def mark_read(request, payload: MarkReadIn):
    _mine(request)
    if payload.all:
        return {"marked": services.mark_all_read(request.auth)}
    return {"marked": services.mark_read(request.auth, payload.ids) if payload.ids else 0}


@router.post(
    "/notifications/{notification_id}/read",
    response=NotificationOut,
    auth=AUTH,
    summary="Mark one notification read",
)
def mark_one_read(request, notification_id: int):  # out-of-range ids find nothing: 404
    notification = get_object_or_404(_mine(request), pk=notification_id)
    services.mark_read(request.auth, [notification.pk])
    notification.refresh_from_db()
    return _out(notification)


def _preferences(user) -> list[dict]:
    current = services.preferences_of(user)
    return [
        {
            "verb": kind.verb,
            "label": str(kind.label),
            "group": str(kind.group or ""),
            "delivery": current[kind.verb],
            "default": kind.default_delivery,
        }
        for kind in registry.kinds(user)
    ]


@router.get(
    "/notifications/preferences",
    response=list[PreferenceOut],
    auth=AUTH,
    summary="How I hear about each kind of event",
)
def get_preferences(request):
    _mine(request)
    return _preferences(request.auth)


@router.put(
    "/notifications/preferences",
    response=list[PreferenceOut],
    auth=AUTH,
    summary="Choose how I hear about some kinds of event",
    description="A JSON object {verb: delivery}; kinds left out keep their choice.",
)
def set_preferences(request, payload: Body[dict[str, DeliveryName]]):
    _mine(request)
    for verb in payload:
        if not registry.is_registered(verb) or not registry.get(verb).offered_to(request.auth):
            raise FieldError(verb, "Unknown kind of event.")
    current = services.preferences_of(request.auth)
    for verb, delivery in payload.items():
        if current.get(verb) != delivery:
            services.set_preference(request.auth, verb, delivery)
    return _preferences(request.auth)
