"""Deterministic synthetic KoboToolbox CSV exports, for demos, fixtures and benchmarks.

Rows respect relevance (non-relevant answers are blank) and the constraints of the
generic tools; the same ``seed`` always gives the same file.

Benchmark the importer from the repository root::

    .venv/bin/python -m safercities.instruments.synthetic 100000
"""

from __future__ import annotations

import csv
import io
import os
import random
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from .expressions import parse_expression
from .model import Instrument, Question

_TEXTS = (
    "Broken street light near the corner",
    "Vendors leave at 7 pm, then the lane is empty",
    "Footpath flooded after rain",
    "Men gather outside the shop in the evening",
    "New CCTV camera but nobody watches it",
    "Motorcycle taxi stand is well lit and busy",
)
_KOBO_META = (
    "__version__",
    "meta/instanceID",
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "_tags",
    "_index",
)


def kobo_headers(
    instrument: Instrument, *, groups: bool = True, select_columns: bool = True
) -> list[str]:
    """Header row of a Kobo CSV export ("XML values and headers") for ``instrument``."""
    headers = ["start", "end"]
    for question in instrument.questions:
        if question.type == "note":
            continue
        prefix = f"{question.group}/" if groups and question.group else ""
        path = prefix + question.name
        headers.append(path)
        if question.type == "geopoint":
            for part in ("latitude", "longitude", "altitude", "precision"):
                headers.append(f"{prefix}_{question.name}_{part}")
        elif question.type == "select_multiple" and select_columns:
            headers += [f"{path}/{choice.name}" for choice in instrument.choices_for(question)]
    return headers


class _Generator:
    def __init__(self, instrument: Instrument, seed: int, center: tuple[float, float]) -> None:
        self.instrument = instrument
        self.rng = random.Random(seed)
        self.center = center
        self.start = datetime(2024, 3, 1, 18, 0, tzinfo=UTC)
        self.steps = []
        for question in instrument.questions:
            if question.type == "note":
                continue
            relevant = parse_expression(question.relevant) if question.relevant else None
            constraint = parse_expression(question.constraint) if question.constraint else None
            names = [choice.name for choice in instrument.choices_for(question)]
            self.steps.append((question, relevant, constraint, names))

    def answers(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for question, relevant, constraint, names in self.steps:
            if relevant is not None and not relevant.evaluate(values):
                continue
            if not question.required and self.rng.random() < 0.15:
                continue
            for _attempt in range(10):
                value = self._value(question, names)
                if constraint is None or constraint.evaluate(values, value):
                    values[question.name] = value
                    break
        return values

    def _value(self, question: Question, names: list[str]) -> Any:
        rng = self.rng
        kind = question.type
        if kind == "select_one":
            return rng.choice(names)
        if kind == "select_multiple":
            return rng.sample(names, rng.randint(1, min(3, len(names))))
        if kind == "integer":
            return rng.randint(1, 8)
        if kind == "decimal":
            return round(rng.uniform(0, 100), 2)
        if kind == "text":
            return rng.choice(_TEXTS)
        if kind == "image":
            return f"{rng.getrandbits(40)}.jpg"
        if kind == "audio":
            return f"{rng.getrandbits(40)}.m4a"
        moment = self.start + timedelta(minutes=rng.randint(0, 60 * 24 * 60))
        if kind == "date":
            return moment.date().isoformat()
        if kind == "time":
            return moment.strftime("%H:%M:00.000+07:00")
        if kind == "datetime":
            return moment.strftime("%Y-%m-%dT%H:%M:00.000+07:00")
        if kind == "geopoint":
            lat = self.center[0] + rng.uniform(-0.05, 0.05)
            lon = self.center[1] + rng.uniform(-0.05, 0.05)
            return (round(lat, 6), round(lon, 6), round(rng.uniform(0, 30), 1), 5.0)
        raise ValueError(f"No generator for {kind!r}")


def _rows(
    instrument: Instrument, n: int, seed: int, center: tuple[float, float], select_columns: bool
) -> Iterator[list[Any]]:
    generator = _Generator(instrument, seed, center)
    rng = generator.rng
    submitted = datetime(2024, 3, 5, 7, 0, 0)
    for index in range(n):
        values = generator.answers()
        cells: list[Any] = [
            "2024-03-05T18:00:00.000+07:00",
            "2024-03-05T18:20:00.000+07:00",
        ]
        for question, _relevant, _constraint, names in generator.steps:
            value = values.get(question.name)
            if question.type == "geopoint":
                cells.append(" ".join(map(str, value)) if value else "")
                cells += list(value) if value else ["", "", "", ""]
            elif question.type == "select_multiple":
                chosen = value or []
                cells.append(" ".join(chosen))
                if select_columns:
                    cells += [("1" if name in chosen else "0") if value else "" for name in names]
            else:
                cells.append("" if value is None else value)
        submission_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        moment = (submitted + timedelta(minutes=index)).isoformat()
        cells += ["vHub1", f"uuid:{submission_id}", 1000 + index, submission_id, moment]
        cells += ["", "[]", "submitted_via_web", "", "[]", index + 1]
        yield cells


def synthetic_kobo_csv(
    instrument: Instrument,
    n: int,
    seed: int = 0,
    path: str | os.PathLike[str] | None = None,
    *,
    delimiter: str = ";",
    groups: bool = True,
    select_columns: bool = True,
    center: tuple[float, float] = (13.7563, 100.5018),
) -> str | None:
    """``n`` synthetic submissions as a Kobo CSV; returns the text, or writes ``path``.

    ``center`` is the (lat, lon) around which geopoints fall (default: central Bangkok).
    """
    if path is None:
        buffer: Any = io.StringIO()
    else:
        buffer = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    try:
        writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_ALL)
        writer.writerow(
            kobo_headers(instrument, groups=groups, select_columns=select_columns)
            + list(_KOBO_META)
        )
        writer.writerows(_rows(instrument, n, seed, center, select_columns))
        return buffer.getvalue() if path is None else None
    finally:
        buffer.close()


def benchmark(n: int = 100_000, slug: str = "womens-safety-audit", seed: int = 1) -> float:
    """Write a synthetic export to a temporary file, parse it, return rows per second."""
    import tempfile

    from .fieldimport import parse_export
    from .generic import generic_instrument

    instrument = generic_instrument(slug)
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "export.csv")
        synthetic_kobo_csv(instrument, n, seed, path)
        size = os.path.getsize(path)
        began = time.perf_counter()
        rows = errors = 0
        with parse_export(path, instrument) as reader:
            for row in reader:
                rows += 1
                errors += bool(row.errors)
        elapsed = time.perf_counter() - began
    rate = rows / elapsed
    print(
        f"{slug}: {rows} rows ({size / 1e6:.1f} MB) parsed and validated in {elapsed:.2f} s "
        f"= {rate:,.0f} rows/s; rows with errors: {errors}"
    )
    return rate


if __name__ == "__main__":
    benchmark(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000, *sys.argv[2:3])
