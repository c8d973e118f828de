"""Bulk import: all rows or none, every bad row reported, refs update instead of duplicating."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from safercities.core.models import AuditLogEntry
from safercities.library.enums import ResourceStatus
from safercities.library.importer import Vocabulary, parse
from safercities.library.models import Resource

pytestmark = pytest.mark.django_db


def write_jsonl(tmp_path, records, name="resources.jsonl"):
    path = tmp_path / name
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_resources", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


GOOD = {
    "ref": "ext-1",
    "title": "Women's safety audit guide",
    "summary": "Steps for a safety walk.",
    "body": "## Steps\n\nWalk after dark.",
    "language": "en",
    "resource_type": "guide",
    "themes": ["womens-safety", "street-lighting"],
    "countries": ["TH", "kh"],
    "cities": ["bangkok"],
    "year": 2019,
    "url": "https://example.org/guide",
    "publisher": "Demo publisher",
}


def test_a_good_jsonl_file_is_imported_into_the_review_queue(tmp_path, city_a, city_b):
    second = {"ref": "ext-2", "title": "คู่มือไฟส่องสว่าง", "language": "th", "resource_type": "tool",
              "themes": "street-lighting", "cities": "Phnom Penh;bangkok", "year": "2020"}  # fmt: skip
    out, _ = run(write_jsonl(tmp_path, [GOOD, "", second]))
    assert "2 created, 0 updated, 0 published" in out
    guide = Resource.objects.get(ref="ext-1")
    assert guide.status == ResourceStatus.SUBMITTED
    assert sorted(guide.themes.values_list("slug", flat=True)) == [
        "street-lighting",
        "womens-safety",
    ]
    assert sorted(guide.countries.values_list("code", flat=True)) == ["KH", "TH"]
    assert list(guide.cities.all()) == [city_a]
    assert guide.year == 2019 and guide.source_url == "https://example.org/guide"
    assert "<h2>Steps</h2>" in guide.body_html
    thai = Resource.objects.get(ref="ext-2")
    assert sorted(thai.cities.values_list("slug", flat=True)) == ["bangkok", "phnom-penh"]
    assert AuditLogEntry.objects.get(action="resource.imported").data["created"] == 2


def test_a_good_csv_file_is_imported(tmp_path, city_a):
    path = tmp_path / "resources.csv"
    path.write_text(
        "\ufeffref,title,language,resource_type,themes,countries,cities,year,url,publisher,summary\n"
        'c-1,"Lighting, lanes and fear",vi,research,"[""street-lighting""]",VN,,2015,,Demo publisher,"Line one\nline two"\n'
        "c-2,Youth and safety,id,training,youth;policing,ID;TH,Bangkok,,https://example.org,,\n",
        encoding="utf-8",
    )
    out, _ = run(path, "--publish")
    assert "2 created, 0 updated, 2 published" in out
    first = Resource.objects.get(ref="c-1")
    assert first.title == "Lighting, lanes and fear" and first.summary == "Line one\nline two"
    assert first.status == ResourceStatus.PUBLISHED and first.published_at is not None
    assert list(Resource.objects.get(ref="c-2").cities.all()) == [city_a]


def test_a_file_with_bad_rows_imports_nothing_and_reports_every_bad_line(tmp_path, city_a):
    records = [
        GOOD,  # line 1: fine
        {**GOOD, "ref": "b-2", "title": ""},  # 2
        {**GOOD, "ref": "b-3", "language": "xx"},  # 3
        {**GOOD, "ref": "b-4", "themes": ["astrology"]},  # 4
        {**GOOD, "ref": "b-5", "countries": ["ZZ"]},  # 5
        {**GOOD, "ref": "b-6", "year": "last year"},  # 6
        {**GOOD, "ref": "b-7", "url": "javascript:alert(1)"},  # 7
        '{"title": "broken json"',  # 8
        {**GOOD, "ref": "b-9", "cities": ["atlantis"]},  # 9
        {**GOOD, "ref": "ext-1"},  # 10: repeats the ref of line 1
        {**GOOD, "ref": "b-11", "resource_type": "poem", "year": 1066},  # 11
        {**GOOD, "ref": "b-12"},  # 12: fine
    ]
    with pytest.raises(CommandError) as error:
        run(write_jsonl(tmp_path, records))
    message = str(error.value)
    assert not Resource.objects.exists()
    assert "nothing was imported" in message
    expected = {
        2: "missing title",
        3: "unknown language code 'xx'",
        4: "unknown theme 'astrology'",
        5: "unknown country 'ZZ'",
        6: "bad year 'last year'",
        7: "bad url 'javascript:alert(1)'",
        8: "bad JSON",
        9: "unknown city 'atlantis'",
        10: "ref 'ext-1' repeats line 1",
        11: "unknown resource_type 'poem'",
    }
    for line, reason in expected.items():
        assert f"line {line}: {reason}" in message, line
    assert "bad year 1066" in message
    assert "line 1:" not in message and "line 12:" not in message
    assert "10 invalid row(s)" in message


def test_csv_errors_name_their_line_and_unknown_columns_are_refused(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("title,language,resource_type,colour\nA,en,guide,red\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 1: unknown column 'colour'"):
        run(path)
    path.write_text("title,language,resource_type\nA,en,guide\n,en,guide\nC,en\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run(path)
    assert "line 3: missing title" in str(error.value)
    assert "line 4: 2 values for 3 columns" in str(error.value)
    assert not Resource.objects.exists()


def test_reimporting_the_same_ref_updates_instead_of_duplicating(tmp_path, city_a):
    run(write_jsonl(tmp_path, [GOOD]), "--publish")
    first = Resource.objects.get(ref="ext-1")
    changed = {
        **GOOD,
        "title": "Women's safety audit guide, 2nd edition",
        "themes": ["youth"],
        "cities": [],
    }
    out, _ = run(write_jsonl(tmp_path, [changed, {**GOOD, "ref": "ext-9"}]))
    assert "1 created, 1 updated" in out
    assert Resource.objects.filter(ref="ext-1").count() == 1
    again = Resource.objects.get(ref="ext-1")
    assert again.pk == first.pk and again.title.endswith("2nd edition")
    assert again.status == ResourceStatus.PUBLISHED  # kept its status
    assert again.published_at == first.published_at
    assert list(again.themes.values_list("slug", flat=True)) == ["youth"]
    assert not again.cities.exists()
    assert Resource.objects.get(ref="ext-9").status == ResourceStatus.SUBMITTED


def test_publish_reindexes_the_imported_resources_in_bulk(tmp_path, city_a, monkeypatch):
    from safercities.library import imports

    batches = []
    monkeypatch.setattr(
        imports, "reindex_many", lambda qs: batches.append(sorted(r.ref for r in qs))
    )
    run(write_jsonl(tmp_path, [GOOD, {**GOOD, "ref": "ext-2"}]), "--publish")
    assert batches == [["ext-1", "ext-2"]]


def test_translations_in_the_file_share_a_group(tmp_path, city_a):
    thai = {**GOOD, "ref": "ext-1-th", "language": "th", "translation_of": "ext-1"}
    run(write_jsonl(tmp_path, [thai, GOOD]), "--publish")
    english, translated = Resource.objects.get(ref="ext-1"), Resource.objects.get(ref="ext-1-th")
    assert english.translation_group == translated.translation_group
    unknown = {**GOOD, "ref": "ext-x", "translation_of": "nowhere"}
    with pytest.raises(CommandError, match="translation_of names an unknown ref 'nowhere'"):
        run(write_jsonl(tmp_path, [unknown]))


def test_progress_is_shown_on_large_files(tmp_path):
    rows = [
        {"ref": f"p-{n}", "title": f"Item {n}", "language": "en", "resource_type": "news"}
        for n in range(2500)
    ]
    out, err = run(write_jsonl(tmp_path, rows), "--publish")
    assert "checked: 1,000 rows" in err and "checked: 2,000 rows" in err
    assert "written: 2,000 rows" in err
    assert Resource.objects.published().count() == 2500


def test_a_missing_file_or_empty_file_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "nothing.jsonl")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(CommandError, match="holds no rows"):
        run(empty)


def test_the_parser_is_pure_and_returns_rows_and_errors():
    vocabulary = Vocabulary(
        themes=frozenset({"youth"}), countries=frozenset({"TH"}),
        cities={"bangkok": "bangkok"}, resource_types=frozenset({"guide"}),
    )  # fmt: skip
    lines = [
        json.dumps({"title": "A", "language": "EN", "resource_type": "guide", "themes": ["youth"]}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "C", "language": "en", "resource_type": "guide", "extra": 1}),
    ]
    rows, errors = parse(lines, vocabulary, fmt="jsonl")
    assert [(r.line, r.language, r.themes) for r in rows] == [(1, "en", ["youth"])]
    assert [(e.line, e.reason) for e in errors] == [
        (2, "each line must be a JSON object"),
        (3, "unknown field 'extra'"),
    ]


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("title,language,resource_type\nCaf\xe9,en,guide\n".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        run(path)


def test_a_type_may_be_given_by_its_label_or_a_common_spelling(tmp_path):
    from safercities.library.importer import parse
    from safercities.library.imports import vocabulary

    path = tmp_path / "types.csv"
    path.write_text(
        "ref,title,language,resource_type,audience\n"
        "a,One,en,case-study,Local government\n"
        "b,Two,en,Case study,community\n"
        "c,Three,en,CASE_STUDY,\n"
        "d,Four,en,Research or report,\n"
        "e,Five,en,casestudy,\n",
        encoding="utf-8",
    )
    rows, errors = parse(path, vocabulary())
    assert [r.resource_type for r in rows] == ["case_study", "case_study", "case_study", "research"]
    assert rows[0].audience == ["local_government"]
    assert [(e.line, e.reason) for e in errors] == [(6, "unknown resource_type 'casestudy'")]


def test_a_line_nested_without_bound_is_a_numbered_error_not_a_traceback(tmp_path, city_a):
    path = write_jsonl(
        tmp_path, [GOOD, "[" * 100_000, {**GOOD, "ref": "ext-2", "themes": "[" * 5000}]
    )
    with pytest.raises(CommandError) as caught:
        run(path)
    message = str(caught.value)
    assert "line 2: bad JSON: nested deeper than" in message
    assert "line 3: themes is not a valid JSON list" in message
    assert not Resource.objects.exists()


def test_the_import_takes_the_same_years_as_the_form_and_the_api(tmp_path, city_a):
    path = write_jsonl(tmp_path, [{**GOOD, "year": 1900}, {**GOOD, "ref": "ext-2", "year": 1950}])
    with pytest.raises(CommandError) as caught:
        run(path)
    assert "line 1: bad year 1900: must be between 1950" in str(caught.value)
    assert "line 2" not in str(caught.value)


def test_a_null_character_in_any_field_is_a_numbered_error(tmp_path, city_a):
    path = write_jsonl(
        tmp_path,
        [
            GOOD,
            {**GOOD, "ref": "ext-2", "title": "a\u0000b"},
            {**GOOD, "ref": "ext-3", "themes": ["x\u0000"]},
        ],
    )
    with pytest.raises(CommandError) as caught:
        run(path)
    assert "line 2: title holds a null character" in str(caught.value)
    assert "line 3: themes holds a null character" in str(caught.value)
    assert not Resource.objects.exists()
