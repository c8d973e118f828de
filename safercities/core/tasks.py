"""Background tasks of the core: mail is sent by the worker, not inside the request."""

from django.core.mail import EmailMultiAlternatives

from safercities.core.taskapi import task


@task()
def send_email(
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> int:
    """Send one already-rendered message (rendered in the recipient's language).

    ``headers`` adds mail headers, e.g. ``List-Unsubscribe`` on notification mail.
    """
    message = EmailMultiAlternatives(
        subject=subject, body=body, to=to, from_email=from_email, headers=headers or None
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
