"""Content languages: BCP-47 codes the Hub's content may carry, and their display names.

The UI languages are ``settings.LANGUAGES``; content can be in many more (Lao, Khmer,
Bengali…). Names are shown in the language itself (an endonym), which every reader can
recognise whatever the interface language.
"""

CONTENT_LANGUAGES: dict[str, str] = {
    "en": "English",
    "th": "ไทย",
    "lo": "ລາວ",
    "km": "ខ្មែរ",
    "my": "မြန်မာ",
    "vi": "Tiếng Việt",
    "id": "Bahasa Indonesia",
    "ms": "Bahasa Melayu",
    "fil": "Filipino",
    "zh-Hans": "简体中文",
    "zh-Hant": "繁體中文",
    "ja": "日本語",
    "ko": "한국어",
    "hi": "हिन्दी",
    "bn": "বাংলা",
    "ne": "नेपाली",
    "ur": "اردو",
    "si": "සිංහල",
    "ta": "தமிழ்",
    "mn": "Монгол",
    "tet": "Tetun",
    "fr": "Français",
    "es": "Español",
}

_CANONICAL = {code.lower(): code for code in CONTENT_LANGUAGES}


def normalize_language_code(code: str) -> str | None:
    """Return the canonical BCP-47 form of a known content language, or None.

    Accepts case and separator variants: ``zh_hans``, ``ZH-HANS`` → ``zh-Hans``.
    """
    if not isinstance(code, str):
        return None
    key = code.strip().replace("_", "-").lower()
    return _CANONICAL.get(key)


def language_choices() -> list[tuple[str, str]]:
    return list(CONTENT_LANGUAGES.items())
