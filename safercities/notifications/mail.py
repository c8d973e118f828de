"""Notification mail: rendered in the recipient's language, always with a one-click
unsubscribe link (signed token, no login) and the ``List-Unsubscribe`` headers of RFC 8058."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from safercities.core.tasks import send_email
from safercities.notifications.tokens import make_token


def absolute(path: str) -> str:
    if not path or "://" in path:
        return path
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_url(user_id: int, scope: str) -> str:
    return absolute(reverse("notifications:unsubscribe", args=[make_token(user_id, scope)]))


def unsubscribe_headers(link: str) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def recipient_language(ui_language: str | None) -> str:
    return ui_language or settings.LANGUAGE_CODE


def send_notification_mail(
    *, user_id: int, email: str, name: str, ui_language: str, notification, kind
) -> None:
    """Queue one immediate mail about ``notification`` (rendered now, sent by the worker)."""
    link = unsubscribe_url(user_id, notification.verb)
    with translation.override(recipient_language(ui_language)):
        message = kind.message(notification)
        context = {
            "name": name or email.split("@")[0],
            "message": message,
            "comment": notification.comment,
            "note": kind.mail_note(notification) if kind.mail_note else "",
            "link": absolute(notification.url),
            "kind_label": kind.label,
            "unsubscribe": link,
            "preferences": absolute(reverse("notifications:preferences")),
        }
        subject = " ".join(str(message).split())[:180]
        body = render_to_string("notifications/mail/notification.txt", context)
    send_email.enqueue(subject=subject, body=body, to=[email], headers=unsubscribe_headers(link))
