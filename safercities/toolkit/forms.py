"""Forms of the localization pages. Each form turns its data into the arguments of a verb
in ``services``; the rules themselves (core questions, reasons) live there."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safercities.core.languages import CONTENT_LANGUAGES
from safercities.instruments.generic import LANGUAGES as GENERIC_LANGUAGES
from safercities.instruments.model import QUESTION_TYPES, SELECT_TYPES, Instrument, Question
from safercities.instruments.xlsform import LANGUAGE_NAMES
from safercities.toolkit.localization import ChoiceLineError, parse_choice_lines
from safercities.toolkit.models import GENERIC_FIRST, ToolVersion
from safercities.toolkit.services import QuestionEdit

TYPE_LABELS = {
    "select_one": pgettext_lazy("question type", "One choice"),
    "select_multiple": pgettext_lazy("question type", "Several choices"),
    "integer": pgettext_lazy("question type", "Whole number"),
    "decimal": pgettext_lazy("question type", "Number"),
    "text": pgettext_lazy("question type", "Text"),
    "date": pgettext_lazy("question type", "Date"),
    "time": pgettext_lazy("question type", "Time"),
    "datetime": pgettext_lazy("question type", "Date and time"),
    "geopoint": pgettext_lazy("question type", "Location (GPS)"),
    "image": pgettext_lazy("question type", "Photo"),
    "audio": pgettext_lazy("question type", "Audio recording"),
    "note": pgettext_lazy("question type", "Note (no answer)"),
}
TYPE_CHOICES = [(kind, TYPE_LABELS[kind]) for kind in TYPE_LABELS if kind in QUESTION_TYPES]


def language_name(code: str) -> str:
    """The language's own name (endonym), whatever the reader's language."""
    known = {key.lower(): name for key, name in CONTENT_LANGUAGES.items()}
    return LANGUAGE_NAMES.get(code) or known.get(code) or code


REASON_HELP = _(
    "Needed when you add, remove or change the wording of a question or choice: "
    "say why (for example “Residents call this place a soi”)."
)


def reason_field(*, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=_("Reason for the change"),
        required=required,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
        max_length=500,
    )


def _choice_lines_field() -> forms.CharField:
    return forms.CharField(
        label=_("New choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "cctv = CCTV camera"}),
        help_text=_(
            "One per line: a short name (letters, digits, _), “=”, then the label. "
            "Translate the labels afterwards on the translation page."
        ),
    )


def _clean_choice_lines(text: str) -> list[tuple[str, str]]:
    try:
        return parse_choice_lines(text)
    except ChoiceLineError as exc:
        raise forms.ValidationError(
            _("Line %(line)s should look like “name = label”: %(text)s")
            % {"line": exc.line, "text": exc.text}
        ) from None


class StartVersionForm(forms.Form):
    city = forms.ModelChoiceField(label=_("City"), queryset=None, empty_label=None)
    based_on = forms.ModelChoiceField(
        label=_("Start from"), queryset=None, empty_label=None, required=True
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages of the version"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("English is always kept. You can add other languages later."),
    )

    def __init__(self, *args: Any, cities: Any, versions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities
        self.fields["based_on"].queryset = versions
        self.fields["based_on"].label_from_instance = lambda v: v.label
        self.fields["languages"].choices = [(c, language_name(c)) for c in GENERIC_LANGUAGES]
        self.fields["languages"].initial = list(GENERIC_LANGUAGES)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        city, base = data.get("city"), data.get("based_on")
        if city and base and base.city_id not in (None, city.pk):
            self.add_error(
                "based_on", _("Start from the generic tool or from a version of this city.")
            )
        return data


class QuestionForm(forms.Form):
    """Edit one question: labels and hints per language, type, rules, choices."""

    def __init__(self, *args: Any, instrument: Instrument, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument, self.question = instrument, question
        default = instrument.default_language
        for lang in instrument.languages:
            name = language_name(lang)
            self.fields[f"label_{lang}"] = forms.CharField(
                label=_("Question (%(language)s)") % {"language": name},
                required=lang == default,
                initial=question.label.get(lang, ""),
                widget=forms.Textarea(attrs={"rows": 2, "lang": lang}),
            )
            self.fields[f"hint_{lang}"] = forms.CharField(
                label=_("Hint (%(language)s)") % {"language": name},
                required=False,
                initial=question.hint.get(lang, ""),
                widget=forms.TextInput(attrs={"lang": lang}),
            )
        self.fields["type"] = forms.ChoiceField(
            label=_("Type of answer"), choices=TYPE_CHOICES, initial=question.type
        )
        self.fields["required"] = forms.BooleanField(
            label=_("An answer is required"), required=False, initial=question.required
        )
        self.fields["relevant"] = forms.CharField(
            label=_("Ask only when (relevance)"),
            required=False,
            initial=question.relevant or "",
            help_text=_("An XLSForm expression, for example ${category} = 'other'."),
        )
        self.fields["constraint"] = forms.CharField(
            label=_("Allowed answers (constraint)"),
            required=False,
            initial=question.constraint or "",
            help_text=_("An XLSForm expression, for example . >= 0 and . <= 100."),
        )
        self.choice_rows: list[tuple[str, list[str]]] = []
        for index, choice in enumerate(instrument.choices_for(question)):
            names = []
            for lang in instrument.languages:
                key = f"choice_{index}_{lang}"
                self.fields[key] = forms.CharField(
                    label=_("Choice “%(choice)s” (%(language)s)")
                    % {"choice": choice.name, "language": language_name(lang)},
                    required=lang == default,
                    initial=choice.label.get(lang, ""),
                    widget=forms.TextInput(attrs={"lang": lang}),
                )
                names.append(key)
            self.fields[f"choice_{index}_remove"] = forms.BooleanField(
                label=_("Remove choice “%(choice)s”") % {"choice": choice.name}, required=False
            )
            names.append(f"choice_{index}_remove")
            self.choice_rows.append((choice.name, names))
        self.fields["new_choices"] = _choice_lines_field()
        self.fields["reason"] = reason_field()

    def text_fields(self) -> list[Any]:
        langs = self.instrument.languages
        return [self[f"{kind}_{lang}"] for lang in langs for kind in ("label", "hint")]

    def rule_fields(self) -> list[Any]:
        return [self[name] for name in ("type", "required", "relevant", "constraint")]

    def choice_fields(self) -> list[tuple[str, list[Any]]]:
        return [(choice, [self[name] for name in names]) for choice, names in self.choice_rows]

    def clean_new_choices(self) -> list[tuple[str, str]]:
        return _clean_choice_lines(self.cleaned_data.get("new_choices", ""))

    def edit(self) -> QuestionEdit:
        data, langs = self.cleaned_data, self.instrument.languages
        choice_labels, removed = {}, []
        for index, choice in enumerate(self.instrument.choices_for(self.question)):
            if data.get(f"choice_{index}_remove"):
                removed.append(choice.name)
            choice_labels[choice.name] = {lang: data[f"choice_{index}_{lang}"] for lang in langs}
        return QuestionEdit(
            type=data["type"],
            labels={lang: data[f"label_{lang}"] for lang in langs},
            hints={lang: data[f"hint_{lang}"] for lang in langs},
            required=data["required"],
            relevant=data["relevant"],
            constraint=data["constraint"],
            choice_labels=choice_labels,
            removed_choices=removed,
            added_choices=data["new_choices"],
        )


class AddQuestionForm(forms.Form):
    name = forms.CharField(
        label=_("Short name"),
        max_length=60,
        help_text=_("Letters, digits and _, starting with a letter; it names the data column."),
    )
    type = forms.ChoiceField(label=_("Type of answer"), choices=TYPE_CHOICES)
    after = forms.ChoiceField(label=_("Position"), required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    relevant = forms.CharField(label=_("Ask only when (relevance)"), required=False)
    hint = forms.CharField(label=_("Hint"), required=False)
    choices = _choice_lines_field()
    reason = reason_field(required=True)

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        lang = instrument.default_language
        self.fields["after"].choices = [("", _("At the beginning"))] + [
            (q.name, _("After “%(label)s”") % {"label": instrument.label_for(q, lang)[:60]})
            for q in instrument.questions
        ]
        if instrument.questions:
            self.fields["after"].initial = instrument.questions[-1].name
        labels = {}
        for code in instrument.languages:
            labels[f"label_{code}"] = forms.CharField(
                label=_("Question (%(language)s)") % {"language": language_name(code)},
                required=code == lang,
                widget=forms.Textarea(attrs={"rows": 2, "lang": code}),
            )
        self.fields = {
            **{"name": self.fields["name"]},
            **labels,
            **{key: field for key, field in self.fields.items() if key != "name"},
        }

    def clean_choices(self) -> list[tuple[str, str]]:
        return _clean_choice_lines(self.cleaned_data.get("choices", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("type") in SELECT_TYPES and not data.get("choices"):
            self.add_error("choices", _("A question with choices needs at least one choice."))
        return data

    def arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "type": data["type"],
            "labels": {lang: data[f"label_{lang}"] for lang in self.instrument.languages},
            "hint": data["hint"],
            "required": data["required"],
            "relevant": data["relevant"],
            "after": data["after"],
            "choices": data["choices"] if data["type"] in SELECT_TYPES else None,
            "reason": data["reason"],
        }


class RemoveQuestionForm(forms.Form):
    reason = reason_field(required=True)


class AddLanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = dict.fromkeys([*GENERIC_LANGUAGES, *(code.lower() for code in CONTENT_LANGUAGES)])
        self.fields["language"].choices = [
            (code, language_name(code)) for code in codes if code not in instrument.languages
        ]


class TranslationForm(forms.Form):
    """Every text of the version in one language, next to the default language's text."""

    def __init__(self, *args: Any, instrument: Instrument, language: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.instrument, self.language = instrument, language
        default = instrument.default_language
        self.keys: dict[str, str] = {}
        self.sections: list[tuple[str, list[str]]] = []

        def section(heading: str) -> list[str]:
            self.sections.append((heading, []))
            return self.sections[-1][1]

        def add(names: list[str], key: str, texts: dict[str, str], *, long: bool = False):
            field_name = key.replace(":", "__")
            widget = forms.Textarea(attrs={"rows": 2}) if long else forms.TextInput()
            widget.attrs["lang"] = language
            self.fields[field_name] = forms.CharField(
                label=texts.get(default) or key,
                required=language == default and not key.endswith(":hint"),
                initial=texts.get(language, ""),
                widget=widget,
            )
            self.keys[field_name] = key
            names.append(field_name)

        names = section(str(_("Title and sections")))
        add(names, "title", instrument.title)
        for group in instrument.groups:
            add(names, f"group:{group.name}", group.label)
        for question in instrument.questions:
            names = section(instrument.label_for(question, default))
            add(names, f"question:{question.name}:label", question.label, long=True)
            if question.hint:
                add(names, f"question:{question.name}:hint", question.hint)
        for list_name, items in instrument.choice_lists.items():
            users = [q for q in instrument.questions if q.choice_list == list_name]
            heading = _("Choices: %(questions)s") % {
                "questions": ", ".join(q.name for q in users) or list_name
            }
            names = section(str(heading))
            for choice in items:
                add(names, f"choice:{list_name}:{choice.name}", choice.label)
        self.fields["reason"] = reason_field()

    def field_sections(self) -> list[tuple[str, list[Any]]]:
        return [(heading, [self[name] for name in names]) for heading, names in self.sections]

    def texts(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(name, "") for name, key in self.keys.items()}


class ResourceLinkForm(forms.Form):
    resources = forms.ModelMultipleChoiceField(
        label=_("Linked library resources"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resources"].queryset = queryset


def versions_to_start_from(tool: Any, cities: Any) -> Any:
    """Published generic versions of ``tool`` and published versions of ``cities``."""
    from django.db.models import Q

    return (
        ToolVersion.objects.filter(tool=tool, published=True)
        .filter(Q(city__isnull=True) | Q(city__in=cities))
        .select_related("city")
        .order_by(GENERIC_FIRST, "-number")
    )
