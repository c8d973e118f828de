"""Multilingual text analyzer for the full-text index (pure Python + PyICU + snowballstemmer).

The same analyzer runs at index time (:func:`index_text`) and at query time
(:func:`query_terms`); the index lives in SQLite FTS5 (``unicode61 remove_diacritics 0``) or in
PostgreSQL (``to_tsvector('simple', ...)``). Pipeline, per word:

1. **Runs.** The text is cut into runs of word characters (letters, numbers, combining marks,
   ZWJ/ZWNJ/soft hyphen); everything else, including "_", NUL, emoji and lone surrogates,
   separates words. Runs are analysed independently and cached (``lru_cache``).
2. **Segmentation.** Runs containing Thai, Lao, Khmer, Myanmar, Han, Hiragana or Katakana are
   split with ICU's word break iterator (:mod:`.segment`); other runs are one word each.
3. **Normalisation.** NFKC + casefold (precomposed and decomposed input give the same token,
   e.g. Devanagari क़ U+0958 vs क + nukta, Vietnamese ộ vs o + marks), joiners removed, Thai/Lao
   SARA AM recomposed after NFKC, decimal digits of every script mapped to ASCII. Combining
   marks are kept inside non-Latin words (matras, Thai vowels, Khmer signs). Tokens are cut to
   ``MAX_TOKEN_CHARS`` characters.
4. **Latin accent folding.** Tokens written only in Latin letters lose their combining marks
   and đ/ð/ł/ø/æ/œ/... are mapped to ASCII, so ``bao luc gia dinh`` finds ``bạo lực gia đình``.
5. **Stemming.** The query language is unknown, so an ASCII Latin word yields its Snowball
   English stem and, when different, its Snowball Indonesian stem (plus a tiny table of
   English irregular plurals: women/woman, men/man, children/child). Queries OR both forms; the
   index stores both, or only one when the document language is known (``language="en"`` or
   ``"id"``/``"ms"``). Either way, a word always finds itself. Vietnamese syllables without a
   stemmer-relevant suffix are unchanged; those that are changed are changed identically on
   both sides. Devanagari words use the light Snowball Hindi stemmer; other scripts are not
   stemmed.
6. **Compounds.** ICU keeps some compounds whole (Lao ຄວາມປອດໄພ). The index additionally
   stores dictionary sub-words of such segments (:func:`.segment.compound_parts`), so
   ``ປອດໄພ`` finds ``ຄວາມປອດໄພ``. Queries never add sub-words (terms are AND-ed).
7. **Stopwords.** Words typed exactly as a plain-ASCII English stopword (``STOPWORDS``) are
   dropped from the index and from queries; a query of stopwords only has no terms (the
   caller shows a message). The list deliberately omits words that are also common
   diacritic-free Vietnamese/Filipino/Indonesian words ("an" of "an toàn", "to", "in", "di").

**Token encoding.** Readable tokens (:func:`analyze`) may contain combining marks that FTS5's
unicode61 treats as separators. :func:`encode_token` keeps tokens matching ``[a-z0-9]+`` as
they are and writes every other token (and any token starting with ``0x``) as ``0x`` followed
by three base-36 digits per code point (``z`` + four digits from U+B130 on). Encoded tokens match
``^[a-z0-9]+$``, so both FTS5 and PostgreSQL's default parser see exactly one token, and the
encoding is injective, so different tokens never collide.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer

from safercities.search.segment import (
    DIGITS,
    LATIN_RE,
    NO_SPACE_RE,
    RUN_RE,
    SCRIPT_CHUNK_RE,
    compound_parts,
    script_of,
    word_spans,
)

__all__ = [
    "MAX_QUERY_TERMS",
    "MAX_TOKEN_CHARS",
    "STOPWORDS",
    "analyze",
    "encode_token",
    "fts5_match",
    "highlight_terms",
    "index_text",
    "query_terms",
    "script_of",
    "tsquery",
]

MAX_TOKEN_CHARS = 64
MAX_QUERY_TERMS = 32
MAX_QUERY_CHARS = 2000  # longer queries are cut (they would exceed MAX_QUERY_TERMS anyway)
# fmt: off
STOPWORDS = frozenset({
    "a", "and", "are", "as", "at", "be", "been", "by", "for", "from", "has", "have", "is", "it",
    "its", "of", "or", "that", "the", "their", "this", "was", "were", "which", "with",
})
# fmt: on

_INDONESIAN = frozenset({"id", "ms"})
_IRREGULAR = {"women": "woman", "men": "man", "children": "child"}
_JOINERS = dict.fromkeys(map(ord, "\u200c\u200d\u00ad"))
_FOLD = str.maketrans(
    {"đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "þ": "th"}
)
_SAFE_RE = re.compile(r"[a-z0-9]+")
_HAS_ALNUM_RE = re.compile(r"[^\W_]")
_DEVANAGARI_RE = re.compile(r"[\u0900-\u097f]")
_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_CACHED_RUN_CHARS = 128  # longer runs are analysed without caching


class _Info(NamedTuple):  # analysis of one word, independent of its position
    forms: tuple[str, ...]  # query alternatives; for Latin: (English stem[, Indonesian stem])
    latin: bool
    stop: bool
    compound: str  # the segment's text when sub-words may exist (no-space scripts), else ""


class _Word(NamedTuple):
    start: int  # offsets inside the run
    end: int
    info: _Info


class _Stemmers(threading.local):  # Snowball stemmers keep state: one set per thread
    def __init__(self) -> None:
        self.english = snowballstemmer.stemmer("english")
        self.indonesian = snowballstemmer.stemmer("indonesian")
        self.hindi = snowballstemmer.stemmer("hindi")


_stemmers = _Stemmers()


def _as_text(value: object) -> str:
    if isinstance(value, str):
        return value
    return "" if value is None else str(value)


def _language_key(language: str | None) -> str:
    return (language or "").lower().replace("_", "-").split("-")[0]


def _normalize(surface: str) -> str:
    if surface.isascii():
        return surface.lower()
    text = unicodedata.normalize("NFKC", surface).casefold()
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = text.translate(_JOINERS).translate(DIGITS)
    # NFKC decomposes SARA AM (U+0E33 / U+0EB3); keep the form dictionaries and users use
    return text.replace("\u0e4d\u0e32", "\u0e33").replace("\u0ecd\u0eb2", "\u0eb3")


def _fold_latin(token: str) -> str:
    decomposed = unicodedata.normalize("NFD", token.translate(_FOLD))
    kept = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return unicodedata.normalize("NFC", kept)


@lru_cache(maxsize=1 << 18)  # Snowball is pure Python (~50 us a word): remember many words
def _latin_forms(token: str) -> tuple[str, ...]:
    if len(token) < 3 or not token.isascii() or not token.isalpha():  # no stems for "covid19"
        return (token,)
    english = _stemmers.english.stemWord(_IRREGULAR.get(token, token))
    indonesian = _stemmers.indonesian.stemWord(token)
    return (english,) if english == indonesian else (english, indonesian)


@lru_cache(maxsize=1 << 14)
def _hindi_stem(token: str) -> str:
    return _stemmers.hindi.stemWord(token) or token


@lru_cache(maxsize=1 << 17)
def _word_info(surface: str, no_space: bool) -> _Info | None:
    token = _normalize(surface)
    stop = token in STOPWORDS
    latin = LATIN_RE.fullmatch(token) is not None
    if latin and not token.isascii():
        token = _fold_latin(token)
    token = token[:MAX_TOKEN_CHARS]
    if not _HAS_ALNUM_RE.search(token):
        return None
    if latin:
        forms = _latin_forms(token)
    elif _DEVANAGARI_RE.search(token):
        forms = (_hindi_stem(token),)
    else:
        forms = (token,)
    compound = surface if no_space and not latin and len(surface) > 2 else ""
    return _Info(forms, latin, stop, compound)


def _segments(run: str) -> Iterator[tuple[int, int, str, bool]]:
    """(start, end, surface, no_space) of the words of a run, before analysis."""
    offset = 0
    for piece in run.split("_"):
        if not NO_SPACE_RE.search(piece):
            if piece:
                yield offset, offset + len(piece), piece, False
        else:
            for chunk in SCRIPT_CHUNK_RE.finditer(piece):
                text, base = chunk.group(), offset + chunk.start()
                if NO_SPACE_RE.search(text):
                    for start, end in word_spans(text):
                        yield base + start, base + end, text[start:end], True
                else:
                    yield base, base + len(text), text, False
        offset += len(piece) + 1


def _analyze_run(run: str) -> tuple[_Word, ...]:
    words = []
    for start, end, surface, no_space in _segments(run):
        info = _word_info(surface, no_space)
        if info:
            words.append(_Word(start, end, info))
    return tuple(words)


_analyze_run_cached = lru_cache(maxsize=1 << 16)(_analyze_run)


def _run_words(run: str) -> tuple[_Word, ...]:
    return _analyze_run_cached(run) if len(run) <= _CACHED_RUN_CHARS else _analyze_run(run)


@lru_cache(maxsize=1 << 16)
def _compound_tokens(segment: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, token) of the dictionary sub-words of a no-space segment."""
    parts = []
    for start, end in compound_parts(segment):
        token = _normalize(segment[start:end])[:MAX_TOKEN_CHARS]
        if _HAS_ALNUM_RE.search(token):
            parts.append((start, end, token))
    return tuple(parts)


def _index_forms(info: _Info, language: str) -> list[str]:
    forms = info.forms
    if info.latin and len(forms) == 2:
        if language == "en":
            forms = forms[:1]
        elif language in _INDONESIAN:
            forms = forms[1:]
    result = list(forms)
    if info.compound:
        for _start, _end, token in _compound_tokens(info.compound):
            if token not in result:
                result.append(token)
    return result


@lru_cache(maxsize=1 << 17)
def _encode_word(surface: str, no_space: bool, language: str) -> str:
    info = _word_info(surface, no_space)
    if info is None or info.stop:
        return ""
    return " ".join(encode_token(form) for form in _index_forms(info, language))


def _encode_run(run: str, language: str) -> str:
    encoded = (_encode_word(s, n, language) for _a, _b, s, n in _segments(run))
    return " ".join(filter(None, encoded))


_encode_run_cached = lru_cache(maxsize=1 << 16)(_encode_run)


def analyze(text: str, language: str | None = None) -> list[str]:
    """Readable index tokens of ``text`` (stems, folded Latin, sub-words), in text order.

    ``language`` (e.g. ``"en"``, ``"id"``, ``"vi"``) only narrows which stems are stored.
    """
    lang = _language_key(language)
    tokens: list[str] = []
    for run in RUN_RE.findall(_as_text(text)):
        for word in _run_words(run):
            if not word.info.stop:
                tokens.extend(_index_forms(word.info, lang))
    return tokens


def index_text(text: str, language: str | None = None) -> str:
    """Space-separated encoded tokens of ``text``, ready for the FTS column."""
    lang = _language_key(language)
    parts = [
        _encode_run_cached(run, lang) if len(run) <= _CACHED_RUN_CHARS else _encode_run(run, lang)
        for run in RUN_RE.findall(_as_text(text))
    ]
    return " ".join(filter(None, parts))


def _query_forms(text: str) -> list[tuple[str, ...]]:
    terms: list[tuple[str, ...]] = []
    for run in RUN_RE.findall(_as_text(text)[:MAX_QUERY_CHARS]):
        for word in _run_words(run):
            if not word.info.stop and word.info.forms not in terms:
                terms.append(word.info.forms)
                if len(terms) >= MAX_QUERY_TERMS:
                    return terms
    return terms


def query_terms(text: str) -> list[tuple[str, ...]]:
    """Encoded query terms: one tuple of alternative forms (to OR) per term (to AND).

    Duplicates and stopwords are dropped; at most ``MAX_QUERY_TERMS`` terms. An empty list
    means the query has nothing searchable.
    """
    return [tuple(encode_token(form) for form in forms) for forms in _query_forms(text)]


def highlight_terms(text: str, query: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ``(start, end)`` spans of ``text`` (original offsets) whose words
    match a term of ``query``. Inside a compound only the matching sub-word is highlighted."""
    text = _as_text(text)
    wanted = {form for forms in _query_forms(query) for form in forms}
    if not wanted:
        return []
    spans: list[tuple[int, int]] = []
    for match in RUN_RE.finditer(text):
        base = match.start()
        for word in _run_words(match.group()):
            if word.info.stop:
                continue
            if wanted.intersection(word.info.forms):
                spans.append((base + word.start, base + word.end))
            elif word.info.compound:
                spans.extend(
                    (base + word.start + start, base + word.start + end)
                    for start, end, token in _compound_tokens(word.info.compound)
                    if token in wanted
                )
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _base36_codepoint(cp: int) -> str:
    # three digits whose first digit is not "z", else "z" and four digits (36**4 > 0x10FFFF)
    width, prefix = (3, "") if cp < 35 * 36 * 36 else (4, "z")
    digits = []
    for _ in range(width):
        cp, digit = divmod(cp, 36)
        digits.append(_B36[digit])
    return prefix + "".join(reversed(digits))


@lru_cache(maxsize=1 << 17)
def encode_token(token: str) -> str:
    """Tokenizer-safe form of a token: ``[a-z0-9]+`` tokens unchanged, others ``0x`` + base 36."""
    if _SAFE_RE.fullmatch(token) and not token.startswith("0x"):
        return token
    return "0x" + "".join(_base36_codepoint(ord(ch)) for ch in token)


def fts5_match(terms: Iterable[Sequence[str]]) -> str:
    """FTS5 MATCH expression for :func:`query_terms` output ("" when there are no terms)."""
    return " AND ".join("(" + " OR ".join(f'"{form}"' for form in forms) + ")" for forms in terms)


def tsquery(terms: Iterable[Sequence[str]]) -> str:
    """Text for PostgreSQL ``to_tsquery('simple', ...)`` ("" when there are no terms)."""
    return " & ".join("(" + " | ".join(forms) + ")" for forms in terms)
