"""Character classes and ICU word segmentation used by :mod:`safercities.search.analyzer`.

Pure Python + PyICU (no Django). ICU break iterators are not thread-safe, so each thread gets
its own instances (``threading.local``). ICU reports offsets in UTF-16 code units; everything
here is converted back to Python (code point) offsets.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import icu


def _char_class(pattern: str) -> str:
    """The body of a Python regex character class equivalent to an ICU UnicodeSet pattern."""
    parts = []
    for start, end in icu.UnicodeSet(pattern).ranges():
        parts.append(f"\\U{ord(start):08x}")
        if end != start:
            parts.append(f"-\\U{ord(end):08x}")
    return "".join(parts)


# A "run" is a maximal stretch of word characters: Python's \w (letters, numbers, "_"), combining
# marks (Mn/Mc/Me: Thai vowels, Devanagari matras, Khmer signs...) and the invisible joiners
# ZWNJ/ZWJ/soft hyphen (deleted later). Everything else (spaces, punctuation, symbols, emoji,
# NUL, lone surrogates, ZWSP) separates runs. "_" is split off later.
_MARKS = _char_class("[[:M:]\u200c\u200d\u00ad]")
RUN_RE = re.compile(f"[\\w{_MARKS}]+")

# Scripts written without spaces between words: ICU dictionary segmentation applies.
NO_SPACE_RE = re.compile(
    "[" + _char_class("[[:Thai:][:Laoo:][:Khmr:][:Mymr:][:Hani:][:Hira:][:Kana:]]") + "]"
)
# ICU glues Latin letters and digits to adjacent Thai/Lao/Khmer/Myanmar words ("COVID19ความ"),
# so runs are first cut where those scripts (without their digits) start or stop.
_SOUTH_EAST_ASIAN = _char_class("[[[:Thai:][:Laoo:][:Khmr:][:Mymr:]\u200c\u200d]-[:Nd:]]")
SCRIPT_CHUNK_RE = re.compile(f"[{_SOUTH_EAST_ASIAN}]+|[^{_SOUTH_EAST_ASIAN}]+")
# Tokens of Latin letters (plus digits and combining marks): accent-folded and stemmed.
LATIN_RE = re.compile("[0-9" + _char_class("[[:Latn:][:M:]]") + "]+")
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")

MAX_COMPOUND_CLUSTERS = 32  # only look for sub-words in the first N grapheme clusters
MAX_COMPOUND_PARTS = 8  # sub-words emitted per segment at most


class _Breakers(threading.local):
    def __init__(self) -> None:
        root = icu.Locale.getRoot()
        self.word = icu.BreakIterator.createWordInstance(root)
        self.char = icu.BreakIterator.createCharacterInstance(root)


_local = _Breakers()


def _boundaries(bi: icu.BreakIterator, text: str) -> list[int]:
    """All boundaries (0 and len(text) included) of ``text`` in code point offsets."""
    bi.setText(text)
    bounds = [bi.first(), *bi]
    if not _ASTRAL_RE.search(text):
        return bounds
    utf16_to_cp, unit = {}, 0
    for i, ch in enumerate(text):
        utf16_to_cp[unit] = i
        unit += 2 if ord(ch) > 0xFFFF else 1
    utf16_to_cp[unit] = len(text)
    return [utf16_to_cp[b] for b in bounds if b in utf16_to_cp]


def word_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the ICU word segments of ``text`` (punctuation/space segments included)."""
    bounds = _boundaries(_local.word, text)
    return list(zip(bounds, bounds[1:], strict=False))


def cluster_bounds(text: str) -> list[int]:
    """Grapheme cluster boundaries of ``text`` (0 and len(text) included)."""
    return _boundaries(_local.char, text)


@lru_cache(maxsize=1 << 15)
def is_dictionary_word(word: str) -> bool:
    """Heuristic: ICU splits ``word + word`` exactly in the middle only for dictionary words
    (or ``word * 3`` as ``word * 2 | word`` for words whose reduplication is itself a word).

    Fragments such as Lao "ວາມ" (tail of ຄວາມ) or Thai "ดภัย" are merged or split differently.
    """
    n = len(word)
    if _boundaries(_local.word, word * 2) == [0, n, 2 * n]:
        return True
    return _boundaries(_local.word, word * 3) == [0, 2 * n, 3 * n]


def _clean_side(context: str, last: bool) -> bool:
    """True when ``context`` (the text beside a candidate sub-word) is empty or its ICU word
    next to the candidate is a dictionary word, i.e. the candidate does not cut a word."""
    if not context:
        return True
    start, end = word_spans(context)[-1 if last else 0]
    return is_dictionary_word(context[start:end])


@lru_cache(maxsize=1 << 16)
def compound_parts(segment: str) -> tuple[tuple[int, int], ...]:
    """Spans of dictionary sub-words inside one ICU segment of a no-space script.

    ICU keeps some compounds whole (Lao ຄວາມປອດໄພ "safety", Myanmar လုံခြုံရေး "security").
    Candidates are the prefixes ending at each grapheme-cluster boundary and, for each suffix
    starting at such a boundary, the first ICU word of that suffix. A candidate is kept when it
    spans at least two clusters, is not the segment itself, passes :func:`is_dictionary_word`
    and the text on both sides of it is "clean" (:func:`_clean_side`), which rejects fragments
    such as Lao ຄວ + າມປອດໄພ. At most ``MAX_COMPOUND_PARTS`` spans, in text order.
    """
    bounds = cluster_bounds(segment)
    if len(bounds) < 4:  # fewer than three clusters: no proper part has two clusters
        return ()
    inner = bounds[1:-1][:MAX_COMPOUND_CLUSTERS]
    positions = {b: i for i, b in enumerate(bounds)}
    candidates: set[tuple[int, int]] = set()
    for idx, start in enumerate(inner, start=1):
        if idx >= 2:
            candidates.add((0, start))
        end = start + word_spans(segment[start:])[0][1]
        # must end on a cluster boundary and cover at least two clusters
        if end in positions and positions[end] - idx >= 2:
            candidates.add((start, end))
    candidates.discard((0, len(segment)))
    parts: list[tuple[int, int]] = []
    for start, end in sorted(candidates):
        if (
            is_dictionary_word(segment[start:end])
            and _clean_side(segment[:start], last=True)
            and _clean_side(segment[end:], last=False)
        ):
            parts.append((start, end))
            if len(parts) >= MAX_COMPOUND_PARTS:
                break
    return tuple(parts)


@lru_cache(maxsize=4096)
def _script_of_char(ch: str) -> str:
    return icu.Script.getScript(ord(ch)).getName()


def script_of(token: str) -> str:
    """ICU script name of the first character that has a specific script.

    ``"Latin"``, ``"Thai"``, ``"Han"``, ``"Lao"``, ``"Devanagari"``...; ``"Common"`` for tokens
    made only of digits/symbols; ``""`` for the empty string.
    """
    fallback = ""
    for ch in token:
        name = _script_of_char(ch)
        if name not in ("Common", "Inherited"):
            return name
        fallback = fallback or name
    return fallback


def _digit_table() -> dict[int, str]:
    table = {}
    for ch in icu.UnicodeSet("[:Nd:]"):
        value = icu.Char.digit(ord(ch), 10)
        if ord(ch) > 0x7F and value >= 0:
            table[ord(ch)] = str(value)
    return table


# Decimal digits of every script -> ASCII ("๒๕๖๗" and "2567" are the same token).
DIGITS = _digit_table()
