"""Highlighted snippets: which part of a text to show, and which words in it to mark.

Pure Python (no Django). A snippet is a list of ``(text, marked)`` parts; templates render
each part with autoescaping (``<mark>`` around marked parts), :func:`to_html` escapes them for
the API. User text is never trusted as HTML.
"""

from __future__ import annotations

import html

from safercities.search.analyzer import highlight_terms
from safercities.search.segment import word_spans

SNIPPET_CHARS = 240
SCAN_CHARS = 2000  # how far into the text a snippet looks for a matching word
CHUNK_CHARS = 400  # analysed a chunk at a time, so an early match costs little

Parts = list[tuple[str, bool]]


BOUNDARY_WINDOW = 40  # how far a cut may move to reach a word boundary


def word_boundary_before(text: str, position: int, *, floor: int = 0) -> int:
    """The last ICU word boundary at or before ``position`` (and after ``floor``), so that a
    cut never splits a word — also in Thai, Khmer, Lao, Myanmar or Chinese, written without
    spaces. Falls back to ``position`` when no boundary is near."""
    if position <= 0 or position >= len(text):
        return max(0, min(position, len(text)))
    lo = max(floor, position - BOUNDARY_WINDOW)
    # segment a little past the cut, so the word at the cut is seen whole
    window = text[lo : min(len(text), position + BOUNDARY_WINDOW)]
    found = [
        lo + start
        for start, _end in word_spans(window)
        if lo + start <= position and (start > 0 or lo == 0)  # a window's edge is no boundary
    ]
    return found[-1] if found else position


def _cut_start(text: str, start: int) -> int:
    """Move ``start`` back to a word boundary."""
    return word_boundary_before(text, start)


def _first_match(text: str, query: str) -> int | None:
    """Offset of the first word matching ``query`` in the first ``SCAN_CHARS`` characters,
    analysing short chunks (cut at spaces) until one matches."""
    position, limit = 0, min(len(text), SCAN_CHARS)
    while position < limit:
        end = min(len(text), position + CHUNK_CHARS)
        if end < len(text):
            space = text.rfind(" ", position + CHUNK_CHARS // 2, end)
            end = space if space > position else end
        spans = highlight_terms(text[position:end], query)
        if spans:
            return position + spans[0][0]
        position = end
    return None


def snippet(text: str, query: str, *, length: int = SNIPPET_CHARS) -> Parts:
    """Up to ``length`` characters of ``text`` around the first words matching ``query``."""
    text = " ".join((text or "").split())  # collapse whitespace, drop newlines
    if not text:
        return []
    first = _first_match(text, query) if query else None
    start = 0 if first is None else _cut_start(text, max(0, first - length // 4))
    end = min(len(text), start + length)
    if end < len(text):
        end = word_boundary_before(text, end, floor=start + length // 2)
        while end > start and text[end - 1] == " ":
            end -= 1
    parts: Parts = [("… ", False)] if start > 0 else []
    parts += highlight(text[start:end], query if first is not None else "")
    if end < len(text):
        parts.append((" …", False))
    return parts


def highlight(text: str, query: str) -> Parts:
    """The whole (short) ``text`` with the words matching ``query`` marked."""
    text = text or ""
    spans = highlight_terms(text, query) if query else []
    parts: Parts = []
    position = 0
    for start, end in spans:
        if start > position:
            parts.append((text[position:start], False))
        parts.append((text[start:end], True))
        position = end
    if position < len(text):
        parts.append((text[position:], False))
    return parts


def to_html(parts: Parts) -> str:
    """Escaped HTML of a snippet, marked parts in ``<mark>``."""
    return "".join(
        f"<mark>{html.escape(part)}</mark>" if marked else html.escape(part)
        for part, marked in parts
    )
