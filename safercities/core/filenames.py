"""Download file names that keep the reader's script (Thai, Khmer, Chinese…).

``django.utils.text.slugify(allow_unicode=True)`` drops combining marks, which breaks Thai
and Khmer words (``ป้าย`` → ``ปาย``); this keeps letters, marks and digits. The header is
built by Django's ``content_disposition_header``: ASCII ``filename`` plus RFC 5987
``filename*`` for everything else.
"""

import re
import unicodedata

from django.http import HttpResponse
from django.utils.http import content_disposition_header

_KEEP = {"L", "M", "N"}


def safe_stem(text: str, *, max_length: int = 80, fallback: str = "download") -> str:
    text = unicodedata.normalize("NFC", text or "").lower()
    text = text.replace("'", "").replace("\u2019", "")  # women's → womens, as slugify does
    chars = [c if unicodedata.category(c)[0] in _KEEP else "-" for c in text]
    stem = re.sub(r"-{2,}", "-", "".join(chars)).strip("-")
    return stem[:max_length].rstrip("-") or fallback


def attach(response: HttpResponse, filename: str) -> HttpResponse:
    """Mark ``response`` as a download named ``filename`` (any script)."""
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
