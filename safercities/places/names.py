"""Country names in the reader's language, from ICU's locale data (no translation files needed)."""

from functools import lru_cache

import icu


@lru_cache(maxsize=4096)
def country_display_name(code: str, language: str, fallback: str = "") -> str:
    locale_id = language.replace("-", "_")
    if locale_id.lower() == "zh_hans":
        locale_id = "zh_Hans"
    name = icu.Locale("und", code.upper()).getDisplayCountry(icu.Locale(locale_id))
    # ICU echoes the code back when it has no name for it.
    return fallback if not name or name == code.upper() else name
