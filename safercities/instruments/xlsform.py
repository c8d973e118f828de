"""Export an instrument as an XLSForm workbook for KoboToolbox, ODK Central or Enketo.

Translated columns follow the XLSForm convention ``label::Language name (code)``. The code
in parentheses is the primary language subtag (``zh-hans`` → ``简体中文 (zh)``) because
XLSForm tools only recognise IANA primary subtags there; the language name keeps the
variants apart. A text missing in one language is filled from the default language, as
the Hub itself does, so that forms never show empty labels.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import IO, Any

from openpyxl import Workbook

from safercities.core.sanitize import spreadsheet_row

from .model import SELECT_TYPES, Instrument, Question, pick_label

#: Names shown in the language chooser of ODK Collect and Enketo (endonyms).
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "th": "ไทย",
    "id": "Bahasa Indonesia",
    "vi": "Tiếng Việt",
    "km": "ខ្មែរ",
    "zh-hans": "简体中文",
    "zh-hant": "繁體中文",
    "lo": "ລາວ",
    "my": "မြန်မာ",
    "ms": "Bahasa Melayu",
    "fil": "Filipino",
    "tl": "Tagalog",
    "hi": "हिन्दी",
    "bn": "বাংলা",
    "ne": "नेपाली",
    "ur": "اردو",
    "si": "සිංහල",
    "ta": "தமிழ்",
    "mn": "Монгол",
}

#: Photos are downscaled on the device: smaller uploads on slow, costly mobile data.
IMAGE_MAX_PIXELS = 1280

#: XLSForm type names where they differ from the Hub's.
_XLSFORM_TYPES = {"datetime": "dateTime"}


def xlsform_language(lang: str) -> str:
    """The XLSForm language spec for a BCP-47 code, e.g. ``"ไทย (th)"``."""
    name = LANGUAGE_NAMES.get(lang, lang)
    return f"{name} ({lang.split('-')[0]})"


def _translated(instrument: Instrument, texts: dict[str, str], lang: str) -> str:
    if texts.get(lang):
        return texts[lang]
    return pick_label(texts, instrument.default_language, instrument.default_language)


def xlsform_sheets(instrument: Instrument) -> dict[str, list[list[Any]]]:
    """The three XLSForm sheets as lists of rows (first row = header)."""
    instrument.check()
    langs = instrument.languages
    spec = {lang: xlsform_language(lang) for lang in langs}
    with_hints = any(q.hint for q in instrument.questions)
    with_messages = any(q.constraint_message for q in instrument.questions)

    header = ["type", "name", *(f"label::{spec[lang]}" for lang in langs)]
    if with_hints:
        header += [f"hint::{spec[lang]}" for lang in langs]
    header += ["required", "relevant", "constraint"]
    if with_messages:
        header += [f"constraint_message::{spec[lang]}" for lang in langs]
    header += ["appearance", "default", "parameters"]

    def row(
        type_: str,
        name: str,
        label: dict[str, str],
        question: Question | None = None,
        appearance: str | None = None,
    ) -> list[Any]:
        cells: list[Any] = [type_, name]
        cells += [_translated(instrument, label, lang) for lang in langs]
        if with_hints:
            hint = question.hint if question else {}
            cells += [_translated(instrument, hint, lang) for lang in langs]
        cells += [
            "yes" if question is not None and question.required else "",
            (question.relevant if question else None) or "",
            (question.constraint if question else None) or "",
        ]
        if with_messages:
            message = question.constraint_message if question else {}
            cells += [_translated(instrument, message, lang) for lang in langs]
        cells += [appearance or "", (question.default if question else None) or ""]
        is_image = question is not None and question.type == "image"
        cells.append(f"max-pixels={IMAGE_MAX_PIXELS}" if is_image else "")
        return cells

    survey = [header]
    current_group: str | None = None

    def end(name: str) -> list[Any]:
        return ["end_repeat" if instrument.group(name).repeat else "end_group", name]

    for question in instrument.questions:
        if question.group != current_group:
            if current_group is not None:
                survey.append(end(current_group))
            if question.group is not None:
                group = instrument.group(question.group)
                begin = "begin_repeat" if group.repeat else "begin_group"
                survey.append(row(begin, group.name, group.label, None, group.appearance))
            current_group = question.group
        type_ = _XLSFORM_TYPES.get(question.type, question.type)
        if question.type in SELECT_TYPES:
            type_ = f"{question.type} {question.choice_list}"
        survey.append(row(type_, question.name, question.label, question, question.appearance))
    if current_group is not None:
        survey.append(end(current_group))

    choices = [["list_name", "name", *(f"label::{spec[lang]}" for lang in langs)]]
    for list_name, items in instrument.choice_lists.items():
        for choice in items:
            labels = [_translated(instrument, choice.label, lang) for lang in langs]
            choices.append([list_name, choice.name, *labels])

    settings = [
        ["form_title", "form_id", "version", "default_language"],
        [
            instrument.title_for(instrument.default_language),
            instrument.slug,
            str(instrument.version),
            spec[instrument.default_language],
        ],
    ]
    return {"survey": survey, "choices": choices, "settings": settings}


def export_xlsform(
    instrument: Instrument, path_or_file: str | os.PathLike[str] | IO[bytes]
) -> None:
    """Write the instrument as an ``.xlsx`` XLSForm to a path or a binary file object."""
    sheets = xlsform_sheets(instrument)
    workbook = Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for cells in _pad(rows):
            # Text cells, never formulas: a label "=…" reaches KoboToolbox as typed.
            sheet.append(spreadsheet_row(sheet, cells, literal=True))
    workbook.save(path_or_file)  # type: ignore[arg-type]


def _pad(rows: list[list[Any]]) -> Iterable[list[Any]]:
    width = len(rows[0])
    for cells in rows:
        padded = cells + [""] * (width - len(cells))
        yield [None if cell == "" else cell for cell in padded]
