"""Production refuses to start with a SECRET_KEY that could be guessed.

Django only warns (``check --deploy``, security.W009) and starts anyway; a guessable key
lets anyone forge sessions, password-reset links and signed URLs. The rules are Django's
own (length, distinct characters, the ``django-insecure-`` prefix) plus known defaults.
"""

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)

HOW_TO = (
    'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))" '
    "and set it in the environment (SECRET_KEY=…)."
)


def secret_key_problem(key: str, *, known_weak: set[str] = frozenset()) -> str | None:
    """Why ``key`` must not be used in production, or None when it may."""
    if not key:
        return "SECRET_KEY must be set in production. " + HOW_TO
    if key in known_weak or key.startswith(("insecure-", SECRET_KEY_INSECURE_PREFIX)):
        return "SECRET_KEY is a development default; production needs its own key. " + HOW_TO
    if len(key) < SECRET_KEY_MIN_LENGTH or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
        return (
            f"SECRET_KEY is too weak: use at least {SECRET_KEY_MIN_LENGTH} characters, "
            f"{SECRET_KEY_MIN_UNIQUE_CHARACTERS} or more of them different. " + HOW_TO
        )
    return None
