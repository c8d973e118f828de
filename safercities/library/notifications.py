"""Tell a submitter what happened to their resource: on the site and by mail.

The mail is rendered in the recipient's interface language and sent by the task worker.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from safercities.core.tasks import send_email
from safercities.library.models import Notification, Resource

VERBS = ("published", "changes_requested", "rejected", "archived", "submitted")


def message_for(verb: str, title: str) -> str:
    messages = {
        "published": _("Your resource “%(title)s” has been published."),
        "changes_requested": _("The editors ask for changes to “%(title)s”."),
        "rejected": _("Your resource “%(title)s” was not accepted."),
        "archived": _("Your resource “%(title)s” has been archived."),
        "submitted": _("“%(title)s” is waiting for review."),
    }
    return messages.get(verb, _("News about “%(title)s”.")) % {"title": title}


def notify_submitter(resource: Resource, verb: str) -> Notification | None:
    """A notification and a mail for the resource's submitter (None when there is none)."""
    user = resource.submitter
    if user is None or not user.is_active:
        return None
    url = resource.get_absolute_url()
    notification = Notification.objects.create(
        user=user,
        verb=verb,
        title=resource.title[:300],
        url=url,
        comment=resource.editor_comment if verb in ("changes_requested", "rejected") else "",
    )
    with translation.override(user.ui_language or settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "resource": resource,
            "message": message_for(verb, resource.title),
            "comment": notification.comment,
            "link": settings.SITE_URL.rstrip("/") + url,
            "verb": verb,
        }
        subject = message_for(verb, resource.title).replace("\n", " ")[:180]
        body = render_to_string("library/mail/resource_status.txt", context)
    send_email.enqueue(subject=subject, body=body, to=[user.email])
    return notification


def mark_all_read(user) -> int:
    from django.utils import timezone

    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
