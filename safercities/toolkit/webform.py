"""Web forms built from an instrument, for filling in a tool version on the site.

API (used by the diagnosis app)::

    from safercities.toolkit.webform import build_form

    FormClass = build_form(version.instrument(), language)     # a django.forms.Form subclass
    form = FormClass(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        form.answers        # clean, typed values from the instruments' AnswerValidator:
                            # str, int, float, date, time, datetime, list[str] (select_multiple),
                            # GeoPoint(latitude, longitude, altitude, accuracy); only answered,
                            # relevant questions; image answers are the uploaded file's name
        form.json_answers() # the same, JSON-ready (dates ISO 8601, geopoints [lat, lon, alt, acc])
        form.uploads        # {question name: UploadedFile} for answered image questions
                            # (checked to be images by their bytes; store them yourself)

Template (inside your own ``<form method="post" enctype="multipart/form-data">`` with
``{% csrf_token %}`` and a submit button)::

    {% include "toolkit/_webform.html" with form=form %}

It renders groups as fieldsets with legends, notes as text, labels and hints in the
respondent's language, each error next to its question, and loads two small modules:
``toolkit/geolocate.js`` ("Use my location" fills a geopoint) and ``toolkit/relevance.js``
(hides questions that are not relevant). Everything works without JavaScript: geopoints
are typed as "latitude longitude", irrelevant questions are then simply left blank.

Repeat groups (e.g. one entry per incident) are fieldsets with one numbered entry each, an
"Add another" button and a "Remove" button per entry — plain submit buttons named ``_repeat``
(``add:<repeat>``, ``remove:<repeat>:<n>``) that re-show the form with one entry more or less,
so they work without JavaScript. Their fields are named ``<repeat>__<index>__<question>`` with
the entry count in ``<repeat>__count``; an entry left entirely blank is not an answer. When a
form was posted by one of these buttons, ``form.repeat_action`` is true and ``is_valid()`` is
false (nothing is saved, no errors are shown). ``form.answers[<repeat>]`` is a list of dicts.

Validation is the instruments' :class:`~safercities.instruments.validation.AnswerValidator`,
exactly as for imported field data: relevance (answers to irrelevant questions are dropped,
never required), required, type conversion, choices and constraints. Its English messages are
shown as translated strings (``MESSAGES``); a question's own ``constraint_message`` wins for
constraint errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from safercities.core.uploads import PhotoRejected, check_photo
from safercities.instruments import converters
from safercities.instruments.model import Instrument, Question, pick_label
from safercities.instruments.validation import AnswerValidator

#: The instruments' stable English messages → translatable strings.
MESSAGES = {
    converters.MSG_REQUIRED: _("This question requires an answer."),
    converters.MSG_INTEGER: _("Enter a whole number."),
    converters.MSG_DECIMAL: _("Enter a number."),
    converters.MSG_DATE: _("Enter a valid date (YYYY-MM-DD)."),
    converters.MSG_TIME: _("Enter a valid time (HH:MM)."),
    converters.MSG_DATETIME: _("Enter a valid date and time."),
    converters.MSG_GEOPOINT: _(
        "Enter a location as latitude and longitude separated by a space, for example "
        "“13.7563 100.5018”."
    ),
    converters.MSG_LATITUDE: _("Latitude must be between -90 and 90."),
    converters.MSG_LONGITUDE: _("Longitude must be between -180 and 180."),
    converters.MSG_ACCURACY: _("Location accuracy cannot be negative."),
    converters.MSG_CHOICE: _("Select a valid choice."),
    converters.MSG_CONSTRAINT: _("This answer is not allowed here. Please check it."),
    converters.MSG_REPEAT: _("Enter the repeated answers as a list of entries."),
    converters.MSG_NUL: _("Text may not contain the null character (U+0000)."),
}
MSG_NOT_IMAGE = _("Upload a photo (JPEG, PNG, WebP, GIF or HEIC).")
MSG_PHOTO_TOO_LARGE = _("The photo is too large: at most %(limit)s.")

#: The name of the add/remove buttons of repeat groups, and the most entries a repeat takes.
REPEAT_ACTION = "_repeat"
MAX_REPEATS = 30


def repeat_field(repeat: str, index: int, name: str) -> str:
    """The form field of question ``name`` in entry ``index`` (from 0) of ``repeat``."""
    return f"{repeat}__{index}__{name}"


def _shift_entries(data: Any, repeat: str, removed: int, count: int) -> None:
    """Remove entry ``removed`` (from 0) from a mutable QueryDict / MultiValueDict."""
    prefix = f"{repeat}__{removed}__"
    for key in [key for key in data if key.startswith(prefix)]:
        del data[key]
    for index in range(removed + 1, count):
        old = f"{repeat}__{index}__"
        for key in [key for key in data if key.startswith(old)]:
            data.setlist(f"{repeat}__{index - 1}__{key[len(old) :]}", data.getlist(key))
            del data[key]


_BOUND = re.compile(r"\s*\.\s*(?P<op>>=|<=|>|<)\s*(?P<n>-?\d+(?:\.\d+)?)\s*")


def number_bounds(constraint: str | None, *, integer: bool) -> dict[str, str]:
    """``min``/``max`` input attributes for constraints like ``. >= 1 and . <= 30``."""
    if not constraint:
        return {}
    attrs: dict[str, str] = {}
    for part in re.split(r"\s+and\s+", constraint.strip()):
        match = _BOUND.fullmatch(part)
        if not match:
            return {}
        op, number = match["op"], float(match["n"])
        if op in (">", "<"):
            if not (integer and number.is_integer()):
                continue
            number = number + 1 if op == ">" else number - 1
        text = str(int(number)) if number.is_integer() else str(number)
        attrs["min" if op.startswith(">") else "max"] = text
    return attrs


class _AnyChoiceField(forms.ChoiceField):
    """Offers the instrument's choices; the validator decides what is valid."""

    def valid_value(self, value: Any) -> bool:
        return True


class _AnyMultipleChoiceField(forms.MultipleChoiceField):
    def valid_value(self, value: Any) -> bool:
        return True


class ImageAnswerField(forms.FileField):
    """An uploaded file that must be an image by its content (not its name)."""

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload:
            try:
                check_photo(upload)
            except PhotoRejected as rejected:
                if rejected.code == "too_large":
                    limit = filesizeformat(rejected.params["limit"])
                    raise forms.ValidationError(
                        MSG_PHOTO_TOO_LARGE % {"limit": limit}, code="too_large"
                    ) from None
                raise forms.ValidationError(MSG_NOT_IMAGE, code="not_image") from None
        return upload


@dataclass
class Item:
    """One entry of the layout: a question's bound field, or a note's text."""

    question: Question
    field: Any = None  # BoundField, None for notes
    label: str = ""
    hint: str = ""
    required: bool = False

    @property
    def is_note(self) -> bool:
        return self.field is None


@dataclass
class Entry:
    """One entry of a repeat group: its number (from 1), items and remove-button value."""

    number: int
    items: list[Item]
    remove: str


@dataclass
class Section:
    """Consecutive questions of one group (``legend`` empty outside groups); for a repeat
    group, ``entries`` (one per entry) and the add-button value instead of ``items``."""

    name: str
    legend: str
    items: list[Item]
    repeat: bool = False
    entries: list[Entry] | None = None
    add: str = ""
    can_add: bool = False


def _field_for(instrument: Instrument, question: Question, lang: str) -> forms.Field | None:
    kind = question.type
    label = instrument.label_for(question, lang)
    common: dict[str, Any] = {"label": label, "required": False}
    hint = question.hint_for(lang, instrument.default_language)
    if hint:
        common["help_text"] = hint
    if kind in ("note", "audio"):  # audio is recorded in KoboCollect / ODK Collect
        return None
    if kind in ("select_one", "select_multiple"):
        choices = [
            (c.name, instrument.label_for(c, lang)) for c in instrument.choices_for(question)
        ]
        if kind == "select_one":
            return _AnyChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        return _AnyMultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if kind in ("integer", "decimal"):
        attrs = number_bounds(question.constraint, integer=kind == "integer")
        attrs["step"] = "1" if kind == "integer" else "any"
        attrs["inputmode"] = "numeric" if kind == "integer" else "decimal"
        return forms.CharField(widget=forms.NumberInput(attrs=attrs), **common)
    if kind == "text":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    if kind in ("date", "time", "datetime"):
        input_type = {"date": "date", "time": "time", "datetime": "datetime-local"}[kind]
        return forms.CharField(widget=forms.TextInput(attrs={"type": input_type}), **common)
    if kind == "geopoint":
        attrs = {
            "data-geolocate": "",
            "inputmode": "decimal",
            "autocomplete": "off",
            "placeholder": "13.7563 100.5018",
        }
        return forms.CharField(widget=forms.TextInput(attrs=attrs), **common)
    if kind == "image":
        widget = forms.ClearableFileInput(attrs={"accept": "image/*"})
        return ImageAnswerField(widget=widget, **common)
    return forms.CharField(**common)


class InstrumentForm(forms.Form):
    """Base class of the forms :func:`build_form` makes; see the module docstring."""

    instrument: Instrument
    language: str
    validator: AnswerValidator

    def __init__(self, data: Any = None, files: Any = None, *args: Any, **kwargs: Any) -> None:
        self.repeat_action = False
        if data is not None and data.get(REPEAT_ACTION):
            data, files = self._apply_repeat_action(data, files)
        super().__init__(data, files, *args, **kwargs)
        self.answers: dict[str, object] = {}
        self.uploads: dict[str, Any] = {}
        self.repeat_counts: dict[str, int] = {}
        self._entry_index: dict[str, list[int]] = {}
        for group in self.instrument.repeats:
            count = self._count(group.name, self.data if self.is_bound else None)
            self.repeat_counts[group.name] = count
            for index in range(count):
                for question in self.instrument.repeat_questions(group.name):
                    field = _field_for(self.instrument, question, self.language)
                    if field is not None:
                        self.fields[repeat_field(group.name, index, question.name)] = field
        for question in self.instrument.questions:
            field = self.fields.get(question.name)
            if field is None:
                continue
            if question.required:
                field.widget.attrs["aria-required"] = "true"
        if self.repeat_action:
            self._errors = ErrorDict()  # an add/remove click: show the answers, no errors

    @staticmethod
    def _count(repeat: str, data: Any) -> int:
        if data is None:
            return 1
        try:
            count = int(data.get(f"{repeat}__count", 0))
        except (TypeError, ValueError):
            count = 0
        return max(0, min(count, MAX_REPEATS))

    def _apply_repeat_action(self, data: Any, files: Any) -> tuple[Any, Any]:
        """Apply an add/remove click to copies of the posted data (see module docstring)."""
        action, _, rest = str(data.get(REPEAT_ACTION)).partition(":")
        repeat, _, number = rest.partition(":")
        if repeat not in {group.name for group in self.instrument.repeats}:
            return data, files
        self.repeat_action = True
        data = data.copy()
        files = files.copy() if files is not None else None
        count = self._count(repeat, data)
        if action == "add":
            count = min(count + 1, MAX_REPEATS)
        elif action == "remove" and number.isdigit() and 1 <= int(number) <= count:
            for values in (data, files):
                if values is not None:
                    _shift_entries(values, repeat, int(number) - 1, count)
            count -= 1
        data[f"{repeat}__count"] = str(count)
        return data, files

    def is_valid(self) -> bool:
        return not self.repeat_action and super().is_valid()

    def _raw_value(self, question: Question, key: str) -> object:
        value = self.cleaned_data.get(key)
        if question.type == "image":
            return getattr(value, "name", None) if value else None
        if isinstance(value, list):
            return value or None
        return value

    def _raw_answers(self) -> dict[str, object]:
        raw: dict[str, object] = {}
        for question in self.instrument.questions:
            if question.name in self.fields:
                raw[question.name] = self._raw_value(question, question.name)
        for group in self.instrument.repeats:
            entries, indexes = [], []
            for index in range(self.repeat_counts.get(group.name, 0)):
                entry = {
                    question.name: self._raw_value(
                        question, repeat_field(group.name, index, question.name)
                    )
                    for question in self.instrument.repeat_questions(group.name)
                    if repeat_field(group.name, index, question.name) in self.fields
                }
                if any(value not in (None, "") for value in entry.values()):
                    entries.append(entry)
                    indexes.append(index)
            self._entry_index[group.name] = indexes
            raw[group.name] = entries
        return raw

    def _field_name(self, error_key: str) -> tuple[str, str]:
        """(form field, question name) of a validator error key (``incidents[2]/crime``)."""
        repeat, bracket, rest = error_key.partition("[")
        if not bracket:
            return error_key, error_key
        number, _, question = rest.partition("]/")
        indexes = self._entry_index.get(repeat, [])
        position = int(number) - 1 if number.isdigit() else -1
        if not question or not 0 <= position < len(indexes):
            return repeat, repeat
        return repeat_field(repeat, indexes[position], question), question

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        raw = self._raw_answers()
        answers, errors = self.validator.validate(raw)
        for key, message in errors.items():
            name, question = self._field_name(key)
            if name in self.errors:  # the field's own check (an image that is not one) first
                continue
            if name not in self.fields:
                self.add_error(None, self._message(question, message))
                continue
            self.add_error(name, self._message(question, message))
        self.answers = answers
        self.uploads = {
            q.name: self.cleaned_data[q.name]
            for q in self.instrument.questions
            if q.type == "image" and q.name in answers and self.cleaned_data.get(q.name)
        }
        return cleaned

    def _message(self, name: str, message: str) -> str:
        try:
            question = self.instrument.question(name)
        except KeyError:
            return str(MESSAGES.get(message, message))
        if message == converters.MSG_CONSTRAINT and question.constraint_message:
            return pick_label(
                question.constraint_message, self.language, self.instrument.default_language
            )
        return str(MESSAGES.get(message, message))

    def json_answers(self) -> dict[str, object]:
        """:attr:`answers` with JSON-ready values."""
        return {name: to_json(value) for name, value in self.answers.items()}

    def sections(self) -> list[Section]:
        """Questions in order, grouped into fieldsets (for ``toolkit/_webform.html``)."""
        instrument, lang = self.instrument, self.language
        sections: list[Section] = []
        for question in instrument.questions:
            if not sections or sections[-1].name != (question.group or ""):
                group = instrument.group(question.group) if question.group else None
                legend = instrument.label_for(group, lang) if group is not None else ""
                sections.append(Section(question.group or "", legend, []))
                if group is not None and group.repeat:
                    sections[-1] = self._repeat_section(group.name, legend)
            if sections[-1].repeat:
                continue
            field = self[question.name] if question.name in self.fields else None
            sections[-1].items.append(self._item(question, field))
        return sections

    def _item(self, question: Question, field: Any) -> Item:
        instrument, lang = self.instrument, self.language
        return Item(
            question=question,
            field=field,
            label=instrument.label_for(question, lang),
            hint=question.hint_for(lang, instrument.default_language),
            required=question.required,
        )

    def _repeat_section(self, name: str, legend: str) -> Section:
        count = self.repeat_counts.get(name, 0)
        entries = []
        for index in range(count):
            items = []
            for question in self.instrument.repeat_questions(name):
                key = repeat_field(name, index, question.name)
                items.append(self._item(question, self[key] if key in self.fields else None))
            entries.append(Entry(index + 1, items, f"remove:{name}:{index + 1}"))
        return Section(
            name, legend, [], repeat=True, entries=entries, add=f"add:{name}",
            can_add=count < MAX_REPEATS,
        )  # fmt: skip

    @property
    def has_geopoint(self) -> bool:
        return any(q.type == "geopoint" for q in self.instrument.questions)


def to_json(value: object) -> object:
    if isinstance(value, converters.GeoPoint):
        return list(value)
    if isinstance(value, list):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {name: to_json(item) for name, item in value.items()}
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    return value


def build_form(instrument: Instrument, language: str) -> type[InstrumentForm]:
    """A Form class for ``instrument`` with labels in ``language`` (see module docstring)."""
    lang = (language or instrument.default_language).lower().replace("_", "-")
    fields: dict[str, Any] = {}
    for question in instrument.questions:
        if instrument.repeat_of(question) is not None:
            continue  # made per entry when the form is made
        field = _field_for(instrument, question, lang)
        if field is not None:
            fields[question.name] = field
    name = f"{instrument.slug.title().replace('-', '')}Form"
    form_class = type(name, (InstrumentForm,), fields)
    # Set after the class is made: a question may be named like one of these attributes.
    form_class.instrument = instrument
    form_class.language = lang
    form_class.validator = AnswerValidator(instrument)
    return form_class
