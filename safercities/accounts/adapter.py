from allauth.account.adapter import DefaultAccountAdapter

from safercities.core.tasks import send_email


class AccountAdapter(DefaultAccountAdapter):
    """Account mail is rendered now, in the reader's language, and sent by the task worker.

    Failed logins are counted per source *and* account (see ``ACCOUNT_RATE_LIMITS``): a
    stranger guessing passwords from elsewhere cannot lock the real owner out, and an owner
    who is limited from their own network gets in again by resetting the password (allauth
    clears the counter of the resetting source on a successful reset).
    """

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth keys the "login_failed … /key" limit by site and login; the source joins it.
        from allauth.core.internal.ratelimit import get_ip

        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{get_ip(request)}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = context.get("request")
        ctx = {"email": email, **context}
        if request is not None:
            from django.contrib.sites.shortcuts import get_current_site

            ctx.setdefault("request", request)
            ctx.setdefault("current_site", get_current_site(request))
        message = self.render_mail(template_prefix, email, ctx)
        html = next(
            (
                content
                for content, mime in getattr(message, "alternatives", [])
                if mime == "text/html"
            ),
            None,
        )
        send_email.enqueue(
            subject=message.subject,
            body=message.body,
            to=list(message.to),
            from_email=message.from_email,
            html=html,
        )
