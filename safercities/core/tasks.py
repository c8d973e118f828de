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
) -> int:
    """Send one already-rendered message (rendered in the recipient's language)."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, from_email=from_email)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
