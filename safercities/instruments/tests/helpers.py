"""A small instrument shared by the tests, and helpers to tweak copies of instruments."""

from __future__ import annotations

import copy
from pathlib import Path

from safercities.instruments.model import Choice, Group, Instrument, Question

DATA = Path(__file__).parent / "data"


def _labels(en: str, th: str) -> dict[str, str]:
    return {"en": en, "th": th}


def walk_instrument() -> Instrument:
    """A short safety walk with a group, a geopoint, a select_multiple and relevance."""
    return Instrument(
        slug="test-walk",
        title=_labels("Test walk", "การเดินทดสอบ"),
        version=1,
        default_language="en",
        languages=["en", "th"],
        groups=[Group("grp_audit", _labels("Audit", "การตรวจสอบ"))],
        questions=[
            Question("walk_date", "date", _labels("Date", "วันที่"), required=True),
            Question(
                "lighting",
                "select_one",
                _labels("Lighting", "แสงสว่าง"),
                required=True,
                choice_list="lighting_level",
                core=True,
                group="grp_audit",
                score_parameter="lighting",
            ),
            Question(
                "people_count",
                "integer",
                _labels("People", "จำนวนคน"),
                constraint=". >= 0 and . <= 500",
                group="grp_audit",
            ),
            Question(
                "location",
                "geopoint",
                _labels("Location", "ตำแหน่ง"),
                required=True,
                core=True,
                group="grp_audit",
            ),
            Question(
                "problems",
                "select_multiple",
                _labels("Problems", "ปัญหา"),
                choice_list="problem",
                constraint="not(selected(., 'none') and count-selected(.) > 1)",
                group="grp_audit",
            ),
            Question(
                "problems_other",
                "text",
                _labels("Other problem", "ปัญหาอื่น"),
                required=True,
                relevant="selected(${problems}, 'other')",
                group="grp_audit",
            ),
            Question("comments", "text", _labels("Comments", "ความคิดเห็น")),
        ],
        choice_lists={
            "lighting_level": [
                Choice("none", _labels("No lighting", "ไม่มีแสงสว่าง"), 0),
                Choice("poor", _labels("Poor", "แสงน้อย"), 1),
                Choice("adequate", _labels("Adequate", "เพียงพอ"), 2),
                Choice("bright", _labels("Bright", "สว่างมาก"), 3),
            ],
            "problem": [
                Choice("dark", _labels("Dark", "มืด")),
                Choice("broken_path", _labels("Broken path", "ทางเดินชำรุด")),
                Choice("harassment", _labels("Harassment", "การคุกคาม")),
                Choice("other", _labels("Other", "อื่น ๆ")),
                Choice("none", _labels("None", "ไม่มี")),
            ],
        },
        scoring={"method": "parameter_mean", "parameters": ["lighting"]},
    ).check()


def clone(instrument: Instrument) -> Instrument:
    return copy.deepcopy(instrument)
