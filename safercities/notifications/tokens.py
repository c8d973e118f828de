"""Signed unsubscribe tokens: they work without logging in and cannot be forged.

A token names one member and one scope: a verb (stop mail about that kind of event) or
``digest:daily`` / ``digest:weekly`` (stop that digest). Tokens do not expire — an old mail's
link must still unsubscribe — but they are bound to ``SECRET_KEY``.
"""

from django.core import signing

SALT = "safercities.notifications.unsubscribe"


def make_token(user_id: int, scope: str) -> str:
    return signing.dumps({"u": int(user_id), "s": scope}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, str] | None:
    """``(user_id, scope)`` or None when the token was tampered with or is malformed."""
    try:
        payload = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(payload, dict):
        return None
    user_id, scope = payload.get("u"), payload.get("s")
    if not isinstance(user_id, int) or not isinstance(scope, str) or not scope:
        return None
    return user_id, scope
