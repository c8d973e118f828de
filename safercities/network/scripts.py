"""Guess a post's language from the script of its text (no Django, no network).

Scripts used by one main language of the region are recognised offline by their Unicode
blocks: Thai, Lao, Khmer, Myanmar, Chinese (Han), Devanagari (Hindi, or Nepali for a writer
who reads Nepali), Bengali. Latin-script text (English, Vietnamese, Bahasa, Filipino…) cannot
be told apart this way: the writer's profile languages decide.
"""

from collections import Counter
from collections.abc import Iterable

# (first code point, last code point, script)
_BLOCKS = (
    (0x0E00, 0x0E7F, "thai"),
    (0x0E80, 0x0EFF, "lao"),
    (0x1780, 0x17FF, "khmer"),
    (0x19E0, 0x19FF, "khmer"),
    (0x1000, 0x109F, "myanmar"),
    (0xAA60, 0xAA7F, "myanmar"),
    (0x0900, 0x097F, "devanagari"),
    (0x0980, 0x09FF, "bengali"),
    (0x4E00, 0x9FFF, "han"),
    (0x3400, 0x4DBF, "han"),
    (0xF900, 0xFAFF, "han"),
)
SCRIPT_LANGUAGE = {
    "thai": "th",
    "lao": "lo",
    "khmer": "km",
    "myanmar": "my",
    "han": "zh-Hans",
    "bengali": "bn",
    "devanagari": "hi",
}
LATIN_LANGUAGES = ("en", "vi", "id", "ms", "fil", "tet", "fr", "es")


def script_of(char: str) -> str | None:
    code = ord(char)
    if char.isascii():
        return "latin" if char.isalpha() else None
    for first, last, script in _BLOCKS:
        if first <= code <= last:
            return script
    if 0x00C0 <= code <= 0x024F or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    return None


def dominant_script(text: str) -> str | None:
    """The script most letters of ``text`` are written in (None for no letters)."""
    counts = Counter(s for s in map(script_of, text[:5000]) if s is not None)
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def detect_language(text: str, profile_languages: Iterable[str] = ()) -> str | None:
    """The language to preset for ``text``, or None when nothing tells.

    A non-Latin script names its language (Devanagari gives Nepali to a Nepali reader who
    does not read Hindi). Latin text takes the first Latin-script language of the profile,
    else English.
    """
    profile = list(profile_languages)
    script = dominant_script(text)
    if script is None:
        return None
    if script == "latin":
        for code in profile:
            if code in LATIN_LANGUAGES:
                return code
        return "en"
    if script == "devanagari" and "ne" in profile and "hi" not in profile:
        return "ne"
    return SCRIPT_LANGUAGE[script]
