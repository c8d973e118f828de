"""Build KoboToolbox exports the way KoboToolbox builds them, for tests.

This follows kobotoolbox/formpack (``src/formpack/reporting/export.py``: ``Export``,
``get_fields_labels_tags_for_all_versions``, ``format_one_submission``, ``to_csv``,
``to_xlsx``; ``src/formpack/schema/fields.py``: ``FormField._get_label``,
``FormGPSField.get_labels``/``format``, ``FormChoiceField.format``,
``FormChoiceFieldWithMultipleSelect.get_labels``/``format``, ``DateField``/``DateTimeField``/
``NumField.format``, the copy fields) at commit 176f619:

* headers: the XML name, or the label in the export language (the name when untranslated);
  with "groups in headers" the group labels (or names) joined by the group separator;
* select_one: the choice label; select_multiple: space-joined choice labels ("summary")
  and/or one column ``<label><sep><choice label>`` holding ``1``/``0`` ("details"; blank
  cells when unanswered);
* geopoints: ``<leaf>`` then ``[<groups><sep>]_<leaf>_latitude`` … ``_precision``;
* copy fields ``_id`` … ``_tags`` and ``_index`` last;
* CSV: every cell quoted with ``"``, joined by the chosen separator (KPI writes ``\\r\\n``);
* XLSX: xlsxwriter with ``remove_timezone`` (date-times lose their offset), typed cells
  unless "store date and number responses as text" (``xls_types_as_text``) is on, and a
  string starting with ``=`` written by ``worksheet.write()`` as a formula.

Submissions are dicts like KoboToolbox's JSON: keys are XML paths (``grp/q``), values text.
Repeat groups: a key holding a list of dicts (one per repeat) with paths below the repeat;
they go to their own XLSX sheet with ``_index``, ``_parent_table_name``, ``_parent_index``
and ``_submission__uuid`` (and are left out of CSV, as Kobo does).
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from safercities.instruments.model import Instrument, Question

XML = "_xml"
COPY_FIELDS = (
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
)


class KoboExport:
    def __init__(
        self,
        instrument: Instrument,
        *,
        lang: str = XML,
        hierarchy_in_labels: bool = True,
        group_sep: str = "/",
        multiple_select: str = "both",
        xls_types_as_text: bool = True,
    ) -> None:
        self.instrument = instrument
        self.lang = lang
        self.hierarchy = hierarchy_in_labels
        self.sep = group_sep
        self.multiple_select = multiple_select
        self.as_text = xls_types_as_text
        self.groups = {group.name: group for group in instrument.groups}
        self.fields = [
            q for q in instrument.questions if q.type != "note" and instrument.repeat_of(q) is None
        ]

    # --- labels (formpack FormField._get_label and friends) ------------------------------

    def _label(self, item: Any) -> str:
        if self.lang == XML:
            return item.name
        return item.label.get(self.lang) or item.name

    def _path_label(self, question: Question) -> str:
        leaf = self._label(question)
        if self.hierarchy and question.group:
            return f"{self._label(self.groups[question.group])}{self.sep}{leaf}"
        return leaf

    def _value_names(self, question: Question) -> list[str]:
        if question.type == "geopoint":
            return [question.name] + [
                f"_{question.name}_{part}"
                for part in ("latitude", "longitude", "altitude", "precision")
            ]
        if question.type == "select_multiple":
            names = []
            if self.multiple_select in ("both", "summary"):
                names.append(question.name)
            if self.multiple_select in ("both", "details"):
                names += [
                    f"{question.name}/{c.name}" for c in self.instrument.choices_for(question)
                ]
            return names
        return [question.name]

    def _labels(self, question: Question) -> list[str]:
        if question.type == "geopoint":
            leaf = self._label(question)
            prefix = ""
            if self.hierarchy and question.group:
                prefix = self._label(self.groups[question.group]) + self.sep
            return [leaf] + [
                f"{prefix}_{leaf}_{part}"
                for part in ("latitude", "longitude", "altitude", "precision")
            ]
        if question.type == "select_multiple":
            label = self._path_label(question)
            labels = []
            if self.multiple_select in ("both", "summary"):
                labels.append(label)
            if self.multiple_select in ("both", "details"):
                labels += [
                    f"{label}{self.sep or '/'}{self._label(c)}"
                    for c in self.instrument.choices_for(question)
                ]
            return labels
        return [self._path_label(question)]

    def headers(self) -> list[str]:
        headers = ["start", "end"]
        for question in self.fields:
            headers += self._labels(question)
        return headers + ["meta/instanceID" if self.hierarchy else "instanceID"] + list(COPY_FIELDS)

    # --- values (formpack *Field.format) ---------------------------------------------------

    def _number(self, value: str) -> Any:
        try:
            return int(value)
        except ValueError:
            try:
                return float(value)
            except ValueError:
                return value

    def _choice_label(self, question: Question, value: str) -> str:
        for choice in self.instrument.choices_for(question):
            if choice.name == value:
                return self._label(choice)
        return value

    def _format(self, question: Question, value: Any) -> dict[str, Any]:
        names = self._value_names(question)
        if question.type == "select_multiple":
            if value in (None, ""):
                return dict.fromkeys(names, "")
            zero, one = ("0", "1") if self.as_text else (0, 1)
            cells = dict.fromkeys(names, zero)
            if self.multiple_select in ("both", "summary"):
                labels = [self._choice_label(question, v) for v in value.split()]
                if len(labels) == 1 and not self.as_text:
                    cells[question.name] = self._number(labels[0])
                else:
                    cells[question.name] = " ".join(labels)
            if self.multiple_select in ("both", "details"):
                for choice in value.split():
                    cells[f"{question.name}/{choice}"] = one
            return cells
        if value is None:
            value = ""
        if question.type == "geopoint":
            values = [value, "", "", "", ""]
            for i, part in enumerate(value.split(), 1):
                values[i] = part if self.as_text else self._number(part)
            return dict(zip(names, values, strict=True))
        if question.type == "select_one":
            label = self._choice_label(question, value)
            return {question.name: label if self.as_text else self._number(label)}
        if self.as_text or value == "":
            return {question.name: value}
        if question.type in ("integer", "decimal"):
            return {question.name: self._number(value)}
        if question.type == "date":
            return {question.name: datetime.fromisoformat(value).date()}
        if question.type == "datetime":
            return {question.name: datetime.fromisoformat(value)}
        return {question.name: value}

    def _path(self, question: Question) -> str:
        return f"{question.group}/{question.name}" if question.group else question.name

    def row(self, submission: dict[str, Any]) -> list[Any]:
        cells: list[Any] = [submission.get("start", ""), submission.get("end", "")]
        for question in self.fields:
            cells += list(self._format(question, submission.get(self._path(question))).values())
        cells.append(submission.get("meta/instanceID", ""))
        for name in COPY_FIELDS:
            value = submission.get(name, "")
            if not self.as_text and name == "_id" and value != "":
                value = int(value)
            elif not self.as_text and name == "_submission_time" and value:
                value = datetime.fromisoformat(value)
            cells.append(value)
        return cells

    # --- files -----------------------------------------------------------------------------

    def to_csv(self, submissions: list[dict[str, Any]], sep: str = ";", bom: bool = False) -> bytes:
        def line(cells: list[Any]) -> str:
            return '"' + f'"{sep}"'.join(str(c).replace('"', '""') for c in cells) + '"'

        lines = [line(self.headers())] + [line(self.row(s)) for s in submissions]
        text = "".join(item + "\r\n" for item in lines)
        return ("\ufeff" if bom else "").encode() + text.encode("utf-8")

    def to_xlsx(
        self,
        submissions: list[dict[str, Any]],
        repeats: dict[str, list[Question]] | None = None,
        title: str = "submissions",
    ) -> bytes:
        import xlsxwriter

        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(
            buffer,
            {
                "constant_memory": True,
                "default_date_format": "yyyy-mm-dd",
                "remove_timezone": True,
                "in_memory": True,
            },
        )
        sheet = workbook.add_worksheet(title[:31])
        headers = self.headers()
        if repeats:
            headers.append("_index")
        rows = [headers]
        repeat_rows: dict[str, list[list[Any]]] = {name: [] for name in repeats or {}}
        for index, submission in enumerate(submissions, 1):
            row = self.row(submission)
            if repeats:
                row.append(index)
                for name, questions in repeats.items():
                    for entry in submission.get(name, []):
                        cells = []
                        for question in questions:
                            cells += list(
                                self._format(
                                    question, entry.get(f"{name}/{question.name}")
                                ).values()
                            )
                        cells += [
                            len(repeat_rows[name]) + 1,
                            title,
                            index,
                            submission.get("_uuid", ""),
                        ]
                        repeat_rows[name].append(cells)
            rows.append(row)
        _write(sheet, rows)
        for name, questions in (repeats or {}).items():
            repeat_headers = []
            for question in questions:
                repeat_headers += self._labels(question)
            repeat_headers += ["_index", "_parent_table_name", "_parent_index", "_submission__uuid"]
            _write(workbook.add_worksheet(name[:31]), [repeat_headers, *repeat_rows[name]])
        workbook.close()
        return buffer.getvalue()


def _write(sheet: Any, rows: list[list[Any]]) -> None:
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)


def synthetic_submissions(instrument: Instrument, n: int, seed: int = 1) -> list[dict[str, Any]]:
    """Kobo JSON submissions with the synthetic generator's answers (XML paths, text values)."""
    from safercities.instruments.synthetic import _Generator

    generator = _Generator(instrument, seed, (13.75, 100.5))
    submissions = []
    for index in range(n):
        values = generator.answers()
        submission: dict[str, Any] = {
            "start": "2024-03-05T18:00:00.000+07:00",
            "end": "2024-03-05T18:20:00.000+07:00",
            "_id": str(index + 1),
            "_uuid": f"synthetic-{seed}-{index:06d}",
            "_submission_time": "2024-03-05T11:00:00",
            "__version__": "v1",
        }
        for question in instrument.questions:
            value = values.get(question.name)
            if value is None:
                continue
            if isinstance(value, (list, tuple)):
                value = " ".join(str(item) for item in value)
            path = f"{question.group}/{question.name}" if question.group else question.name
            submission[path] = str(value)
        submissions.append(submission)
    return submissions
