"""The one sanitiser for text written into XML, CSV and spreadsheets."""

import json

import pytest
from openpyxl import Workbook

from safercities.core import sanitize


def test_xml_text_drops_what_xml_cannot_hold_and_keeps_the_rest():
    assert sanitize.xml_text("a\x00b\x0bc\x1f\ufffe d\te\nf") == "abc d\te\nf"
    assert sanitize.xml_text("ไทย ខ្មែរ 简体") == "ไทย ខ្មែរ 简体"
    assert sanitize.xml_text(None) == ""


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+A1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_never_start_a_formula(text):
    assert sanitize.csv_cell(text) == "'" + text


def test_csv_cells_keep_numbers_and_ordinary_text():
    assert sanitize.csv_row([-3, 2.5, None, "Lamp posts", True]) == [
        -3,
        2.5,
        "",
        "Lamp posts",
        True,
    ]


def test_spreadsheet_cells_are_text_even_when_literal():
    sheet = Workbook(write_only=True).create_sheet("s")
    literal, neutral, number = sanitize.spreadsheet_row(sheet, ["=1", "=1", 4], literal=True)[
        :1
    ] + (sanitize.spreadsheet_row(sheet, ["=1\x0b", 4]))
    assert (literal.data_type, literal.value) == ("s", "=1")
    assert (neutral.data_type, neutral.value) == ("s", "'=1")
    assert number == 4


def test_find_nul_names_the_path_to_the_first_nul():
    assert sanitize.find_nul({"a": ["x", {"b": "y\x00"}]}) == ("a", "1", "b")
    assert sanitize.find_nul({"a": ["x", 1, None]}) is None


def test_loads_json_refuses_unbounded_nesting_without_recursing():
    with pytest.raises(sanitize.JSONTooDeep):
        sanitize.loads_json("[" * 100_000)
    assert sanitize.loads_json('{"a": "[[[[", "b": [[1]]}') == {"a": "[[[[", "b": [[1]]}
    with pytest.raises(json.JSONDecodeError):
        sanitize.loads_json("{")
