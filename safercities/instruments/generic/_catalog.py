"""Gettext ``.po`` catalogs for the generic tools' translations.

Each translatable text of an instrument has a key (used as ``msgctxt``, prefixed by the
tool slug); ``msgid`` is the English source, so a translation whose ``msgid`` no longer
matches the English text is *stale* and is not used. Translators can work on the files
with any PO editor.

Keys: ``title``, ``description``, ``guidance``, ``group:<name>``, ``q:<name>``,
``q:<name>:hint``, ``q:<name>:constraint_message``, ``c:<list>:<choice>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import Instrument

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
_STRING_RE = re.compile(r'"((?:[^"\\]|\\.)*)"')


@dataclass(frozen=True, slots=True)
class Entry:
    msgid: str
    msgstr: str
    fuzzy: bool = False


def translatable_texts(instrument: Instrument) -> Iterator[tuple[str, dict[str, str]]]:
    """``(key, translations dict)`` for every translatable text, in a stable order."""
    yield "title", instrument.title
    yield "description", instrument.description
    yield "guidance", instrument.guidance
    for group in instrument.groups:
        yield f"group:{group.name}", group.label
    for question in instrument.questions:
        yield f"q:{question.name}", question.label
        if question.hint:
            yield f"q:{question.name}:hint", question.hint
        if question.constraint_message:
            yield f"q:{question.name}:constraint_message", question.constraint_message
    for list_name, items in instrument.choice_lists.items():
        for choice in items:
            yield f"c:{list_name}:{choice.name}", choice.label


def _unquote(text: str, path: Path, line_number: int) -> str:
    match = _STRING_RE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{path}:{line_number}: expected a quoted string")
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), match.group(1))


def read_po(path: Path) -> dict[str, Entry]:
    """Parse a PO file into ``{msgctxt: Entry}`` (entries without context are skipped)."""
    entries: dict[str, Entry] = {}
    fields: dict[str, str] = {}
    fuzzy = False
    current: str | None = None

    def flush() -> None:
        nonlocal fields, fuzzy, current
        if "msgctxt" in fields and "msgid" in fields:
            entries[fields["msgctxt"]] = Entry(fields["msgid"], fields.get("msgstr", ""), fuzzy)
        fields, fuzzy, current = {}, False, None

    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            stripped = line.strip()
            if not stripped:
                flush()
            elif stripped.startswith("#"):
                if "msgid" in fields:
                    flush()
                if stripped.startswith("#,") and "fuzzy" in stripped:
                    fuzzy = True
            elif stripped.startswith('"'):
                if current is None:
                    raise ValueError(f"{path}:{line_number}: string outside an entry")
                fields[current] += _unquote(stripped, path, line_number)
            else:
                keyword, _, rest = stripped.partition(" ")
                if keyword not in ("msgctxt", "msgid", "msgstr"):
                    raise ValueError(f"{path}:{line_number}: unknown keyword {keyword!r}")
                if keyword == "msgctxt" and "msgid" in fields:
                    flush()
                current = keyword
                fields[keyword] = _unquote(rest, path, line_number)
    flush()
    return entries


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def format_po(rows: list[tuple[str, str, str, bool]], language: str) -> str:
    """PO text for ``(msgctxt, msgid, msgstr, fuzzy)`` rows."""
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        f'"Language: {language}\\n"',
        "",
    ]
    for context, msgid, msgstr, fuzzy in rows:
        if fuzzy:
            lines.append("#, fuzzy")
        lines += [f"msgctxt {_quote(context)}", f"msgid {_quote(msgid)}"]
        lines += [f"msgstr {_quote(msgstr)}", ""]
    return "\n".join(lines)
