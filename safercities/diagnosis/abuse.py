"""Keeping the public incident-report form honest, without JavaScript or third parties.

* **Rate limit per source**: at most :data:`REPORTS_PER_HOUR` reports an hour from one source
  (a keyed hash of the client address — the address itself is never stored) per assessment,
  counted in the cache.
* **Abuse check**: a honeypot field people do not see (bots fill it) and a signed timestamp:
  a form sent less than :data:`MIN_SECONDS` after it was served, or more than a day later, or
  with a forged stamp, is refused with a clear message. Nothing is stored for refused reports.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

REPORTS_PER_HOUR = 5
MIN_SECONDS = 3
MAX_SECONDS = 24 * 3600
HONEYPOT = "website"
STAMP = "form_started"
_SALT = "safercities.diagnosis.report-form"


def source_key(request, assessment_id: int) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return f"diagnosis:reports:{assessment_id}:{digest.hexdigest()[:24]}"


def over_limit(request, assessment_id: int) -> bool:
    return (cache.get(source_key(request, assessment_id)) or 0) >= REPORTS_PER_HOUR


def count_report(request, assessment_id: int) -> None:
    key = source_key(request, assessment_id)
    if cache.add(key, 1, timeout=3600):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired in between
        cache.set(key, 1, timeout=3600)


def form_stamp(started: float | None = None) -> str:
    """A signed note of when the form was served (``started``: a Unix time, for tests)."""
    return signing.dumps({"t": time.time() if started is None else started}, salt=_SALT)


def abuse_problem(post) -> str | None:
    """``None`` when the form looks human, else a problem code."""
    if post.get(HONEYPOT):
        return "honeypot"
    try:
        started = float(signing.loads(post.get(STAMP, ""), salt=_SALT)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return "stamp"
    age = time.time() - started
    if age < MIN_SECONDS:
        return "too_fast"
    if age > MAX_SECONDS:
        return "expired"
    return None
