"""Raw answer → clean value converters, one per question type, plus the stable messages.

A converter takes a raw value (usually a string from a CSV cell or a web form; spreadsheet
cells may also give ``int``/``float``/``datetime``) and returns the clean value, ``None``
for a blank answer, or raises ``ValueError(message)`` where ``message`` is one of the
``MSG_*`` constants below. The messages are stable English strings: callers translate
them (they are msgids) and never parse them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from typing import NamedTuple

MSG_REQUIRED = "This question requires an answer."
MSG_NUL = "Text may not contain the null character (U+0000)."
MSG_INTEGER = "Enter a whole number."
MSG_DECIMAL = "Enter a number."
MSG_DATE = "Enter a valid date (YYYY-MM-DD)."
MSG_TIME = "Enter a valid time (HH:MM)."
MSG_DATETIME = "Enter a valid date and time."
MSG_GEOPOINT = "Enter a location as latitude and longitude, optionally altitude and accuracy."
MSG_LATITUDE = "Latitude must be between -90 and 90."
MSG_LONGITUDE = "Longitude must be between -180 and 180."
MSG_ACCURACY = "Location accuracy cannot be negative."
MSG_CHOICE = "Select a valid choice."
MSG_CONSTRAINT = "The answer is not allowed by the question's constraint."
MSG_REPEAT = "Enter the repeated answers as a list of entries."

Converter = Callable[[object], object]


class GeoPoint(NamedTuple):
    """A clean geopoint; serializes to JSON as ``[lat, lon, altitude, accuracy]``."""

    latitude: float
    longitude: float
    altitude: float | None = None
    accuracy: float | None = None


def _text(raw: object) -> str | None:
    if isinstance(raw, str):
        value = raw.strip()
    elif isinstance(raw, float) and raw.is_integer():
        value = str(int(raw))  # a spreadsheet cell typed as a number
    else:
        value = str(raw).strip()
    return value or None


def convert_text(raw: object) -> str | None:
    return _text(raw)


def convert_integer(raw: object) -> int | None:
    if isinstance(raw, bool):
        raise ValueError(MSG_INTEGER)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if raw.is_integer():
            return int(raw)
        raise ValueError(MSG_INTEGER)
    text = _text(raw)
    if text is None:
        return None
    if "_" in text:
        raise ValueError(MSG_INTEGER)
    try:
        return int(text)
    except ValueError:
        raise ValueError(MSG_INTEGER) from None


def _finite_float(raw: object, message: str) -> float:
    if isinstance(raw, bool):
        raise ValueError(message)
    if isinstance(raw, str) and "_" in raw:
        raise ValueError(message)
    try:
        value = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(message) from None
    if not math.isfinite(value):
        raise ValueError(message)
    return value


def convert_decimal(raw: object) -> float | None:
    if isinstance(raw, str):
        raw = raw.strip()
        if not raw:
            return None
    return _finite_float(raw, MSG_DECIMAL)


def convert_date(raw: object) -> date | None:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = _text(raw)
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(MSG_DATE) from None


def convert_time(raw: object) -> time | None:
    if isinstance(raw, datetime):
        return raw.timetz()
    if isinstance(raw, time):
        return raw
    text = _text(raw)
    if text is None:
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise ValueError(MSG_TIME) from None


def convert_datetime(raw: object) -> datetime | None:
    if isinstance(raw, datetime):
        return raw
    if isinstance(raw, date):
        raise ValueError(MSG_DATETIME)
    text = _text(raw)
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(MSG_DATETIME) from None


def convert_geopoint(raw: object) -> GeoPoint | None:
    if isinstance(raw, (list, tuple)):
        parts: list[object] = list(raw)
    else:
        text = _text(raw)
        if text is None:
            return None
        parts = list(text.split())
    if not 2 <= len(parts) <= 4:
        raise ValueError(MSG_GEOPOINT)
    numbers = [_finite_float(part, MSG_GEOPOINT) for part in parts]
    latitude, longitude = numbers[0], numbers[1]
    if not -90.0 <= latitude <= 90.0:
        raise ValueError(MSG_LATITUDE)
    if not -180.0 <= longitude <= 180.0:
        raise ValueError(MSG_LONGITUDE)
    altitude = numbers[2] if len(numbers) > 2 else None
    accuracy = numbers[3] if len(numbers) > 3 else None
    if accuracy is not None and accuracy < 0:
        raise ValueError(MSG_ACCURACY)
    return GeoPoint(latitude, longitude, altitude, accuracy)


def make_select_one(choice_names: Iterable[str]) -> Converter:
    known = frozenset(choice_names)

    def convert_select_one(raw: object) -> str | None:
        if type(raw) is str and raw in known:  # fast path: the exact choice name
            return raw
        text = _text(raw)
        if text is None:
            return None
        if text in known:
            return text
        raise ValueError(MSG_CHOICE)

    return convert_select_one


def make_select_multiple(choice_names: Iterable[str]) -> Converter:
    known = frozenset(choice_names)

    def convert_select_multiple(raw: object) -> list[str] | None:
        if isinstance(raw, (list, tuple, set, frozenset)):
            items = [str(item).strip() for item in raw]
        else:
            text = _text(raw)
            if text is None:
                return None
            items = text.split()
        selected = list(dict.fromkeys(item for item in items if item))
        if not selected:
            return None
        for item in selected:
            if item not in known:
                raise ValueError(MSG_CHOICE)
        return selected

    return convert_select_multiple


_SIMPLE: dict[str, Converter] = {
    "integer": convert_integer,
    "decimal": convert_decimal,
    "text": convert_text,
    "date": convert_date,
    "time": convert_time,
    "datetime": convert_datetime,
    "geopoint": convert_geopoint,
    "image": convert_text,
    "audio": convert_text,
}


def converter_for(question_type: str, choice_names: Iterable[str] = ()) -> Converter:
    """The converter for a question type (``note`` has no answers and no converter)."""
    if question_type == "select_one":
        return make_select_one(choice_names)
    if question_type == "select_multiple":
        return make_select_multiple(choice_names)
    try:
        return _SIMPLE[question_type]
    except KeyError:
        raise ValueError(f"No converter for question type {question_type!r}.") from None
