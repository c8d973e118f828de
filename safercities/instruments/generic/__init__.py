"""The three generic Safer Cities tools, built from English sources and PO catalogs.

>>> audit = generic_instrument("womens-safety-audit")
>>> audit.title_for("th")
'การตรวจสอบความปลอดภัยโดยผู้หญิง (การเดินสำรวจความปลอดภัย)'

Each call returns a new, independent :class:`~safercities.instruments.model.Instrument`.
Translations live in ``generic/locale/<lang>.po``; run :func:`update_catalogs` after
changing English text to add new entries (existing translations are kept, stale ones are
marked fuzzy and stop being used).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from ..model import Instrument
from . import incident_report, safety_audit, victimization
from ._catalog import Entry, format_po, read_po, translatable_texts

#: Languages the Hub ships, in display order; English is the source language.
LANGUAGES: tuple[str, ...] = ("en", "th", "id", "vi", "km", "zh-hans")
SOURCE_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).parent / "locale"

_BUILDERS: dict[str, Callable[[], Instrument]] = {
    safety_audit.SLUG: safety_audit.build_english,
    victimization.SLUG: victimization.build_english,
    incident_report.SLUG: incident_report.build_english,
}
GENERIC_SLUGS: tuple[str, ...] = tuple(_BUILDERS)


@cache
def _catalog(lang: str) -> dict[str, Entry]:
    path = LOCALE_DIR / f"{lang}.po"
    return read_po(path) if path.exists() else {}


def generic_instrument(slug: str) -> Instrument:
    """The generic tool ``slug`` with every shipped translation applied."""
    try:
        build = _BUILDERS[slug]
    except KeyError:
        raise KeyError(f"No generic tool {slug!r}; known: {', '.join(GENERIC_SLUGS)}") from None
    instrument = build()
    languages = [SOURCE_LANGUAGE]
    for lang in LANGUAGES[1:]:
        catalog = _catalog(lang)
        used = False
        for key, texts in translatable_texts(instrument):
            entry = catalog.get(f"{slug}|{key}")
            source = texts.get(SOURCE_LANGUAGE)
            if entry and source and entry.msgid == source and entry.msgstr and not entry.fuzzy:
                texts[lang] = entry.msgstr
                used = True
        if used:
            languages.append(lang)
    instrument.languages = languages
    return instrument.check()


def generic_instruments() -> list[Instrument]:
    return [generic_instrument(slug) for slug in GENERIC_SLUGS]


def translation_report(lang: str) -> dict[str, list[str]]:
    """Catalog keys that are ``missing``, ``stale`` (English changed) or ``unused``."""
    catalog = dict(_catalog(lang))
    report: dict[str, list[str]] = {"missing": [], "stale": [], "unused": []}
    for slug, build in _BUILDERS.items():
        for key, texts in translatable_texts(build()):
            context = f"{slug}|{key}"
            entry = catalog.pop(context, None)
            if entry is None or not entry.msgstr:
                report["missing"].append(context)
            elif entry.fuzzy or entry.msgid != texts[SOURCE_LANGUAGE]:
                report["stale"].append(context)
    report["unused"] = sorted(catalog)
    return report


def update_catalogs(directory: Path = LOCALE_DIR) -> None:
    """Rewrite each language's catalog from the English sources, keeping translations.

    A translation whose English source changed is kept but marked fuzzy (so unused).
    """
    for lang in LANGUAGES[1:]:
        old = read_po(directory / f"{lang}.po") if (directory / f"{lang}.po").exists() else {}
        rows: list[tuple[str, str, str, bool]] = []
        for slug, build in _BUILDERS.items():
            for key, texts in translatable_texts(build()):
                context = f"{slug}|{key}"
                entry = old.get(context)
                source = texts[SOURCE_LANGUAGE]
                msgstr = entry.msgstr if entry else ""
                fuzzy = bool(entry and (entry.fuzzy or entry.msgid != source))
                rows.append((context, source, msgstr, fuzzy))
        (directory / f"{lang}.po").write_text(format_po(rows, lang), encoding="utf-8")
    _catalog.cache_clear()


__all__ = [
    "GENERIC_SLUGS",
    "LANGUAGES",
    "generic_instrument",
    "generic_instruments",
    "translation_report",
    "update_catalogs",
]
