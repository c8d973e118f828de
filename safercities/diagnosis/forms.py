from django import forms
from django.utils.translation import gettext_lazy as _

from safercities.core.languages import language_choices
from safercities.diagnosis.enums import GridKind, SampleDesign
from safercities.diagnosis.geo import CELL_SIZES, DEFAULT_CELL_SIZE, PERMUTATION_CHOICES
from safercities.diagnosis.models import Assessment, SupportService
from safercities.places.models import District, InformalSettlement
from safercities.toolkit.models import ToolVersion

MAX_IMPORT_BYTES = 200 * 1024 * 1024  # 200 MB
IMPORT_EXTENSIONS = (".csv", ".xlsx", ".txt", ".zip")


class AssessmentForm(forms.ModelForm):
    population_psus = forms.CharField(
        label=_("Clusters in the population"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Optional, for the finite population correction: one line per stratum, "
            '"stratum = number of clusters (PSUs) in the population", e.g. "informal = 120".'
        ),
    )

    class Meta:
        model = Assessment
        fields = [
            "title",
            "tool_version",
            "district",
            "settlement",
            "start",
            "end",
            "is_open",
            "description",
            "sample_design",
            "population_psus",
        ]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, city, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.city = city
        self.instance.city = city
        versions = ToolVersion.objects.usable_in(city).select_related("tool", "city")
        self.fields["tool_version"].queryset = versions
        self.fields["tool_version"].label_from_instance = lambda v: f"{v.tool.title} — {v.label}"
        self.fields["district"].queryset = District.objects.filter(city=city)
        self.fields["settlement"].queryset = InformalSettlement.objects.filter(city=city)
        if self.instance.pk:
            # The version is locked once used: the assessment keeps it.
            del self.fields["tool_version"]
        self.fields["sample_design"].required = False
        if not self.is_bound and self.instance.population_psus:
            self.initial["population_psus"] = "\n".join(
                f"{k} = {v:g}" for k, v in self.instance.population_psus.items()
            )

    def clean_sample_design(self) -> str:
        return self.cleaned_data.get("sample_design") or SampleDesign.TAYLOR

    def clean_population_psus(self) -> dict[str, float]:
        """``stratum = count`` lines → ``{stratum: count}``; a clear message per bad line."""
        out: dict[str, float] = {}
        text = self.cleaned_data.get("population_psus") or ""
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            stratum, sep, count = line.partition("=")
            try:
                value = float(count.strip()) if sep else None
            except ValueError:
                value = None
            if not stratum.strip() or value is None or not value >= 1 or value == float("inf"):
                raise forms.ValidationError(
                    _('Line %(line)s: write "stratum = number of clusters", e.g. "formal = 80".')
                    % {"line": number}
                )
            out[stratum.strip()] = value
        return out

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end cannot be before the start."))
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Export file"),
        help_text=_(
            "A KoboToolbox export (CSV or XLSX, with any export settings: XML names or labels, "
            "with or without groups) or an ODK Central CSV, CSV zip or Briefcase CSV."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.zip,text/csv"}),
    )
    attachments = forms.FileField(
        label=_("Photos (optional)"),
        help_text=_(
            "KoboToolbox's attachments zip, to import the photos of the submissions. ODK "
            "Central's CSV zip already holds them."
        ),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )
    keep_good_rows = forms.BooleanField(
        label=_("If some rows have problems, import the good rows and list the others"),
        help_text=_("Without this, a single row with a problem stops the whole import."),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 200 MB."))
        if not upload.name.lower().endswith(IMPORT_EXTENSIONS):
            raise forms.ValidationError(_("Upload a CSV, XLSX or ZIP file."))
        return upload

    def clean_attachments(self):
        upload = self.cleaned_data.get("attachments")
        if not upload:
            return None
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 200 MB."))
        head = upload.read(4)
        upload.seek(0)
        if head != b"PK\x03\x04":
            raise forms.ValidationError(_("Upload the attachments as a ZIP file."))
        return upload


class HotspotForm(forms.Form):
    """Hot-spot analysis options (GET parameters; invalid values fall back to defaults)."""

    size = forms.TypedChoiceField(
        label=_("Cell size"),
        choices=[(size, _("%(metres)s m") % {"metres": size}) for size in CELL_SIZES],
        coerce=int,
        initial=DEFAULT_CELL_SIZE,
        required=False,
    )
    grid = forms.ChoiceField(
        label=_("Cell shape"), choices=GridKind.choices, initial=GridKind.SQUARE, required=False
    )
    permutations = forms.TypedChoiceField(
        label=_("Permutations"),
        choices=[
            (n, _("None: exact test (recommended)") if n == 0 else str(n))
            for n in PERMUTATION_CHOICES
        ],
        coerce=int,
        initial=0,
        required=False,
        help_text=_(
            "The exact test compares each cell and its neighbours with what chance would "
            "give, for any number of points. Permutations run Getis–Ord Gi* instead."
        ),
    )
    fdr = forms.BooleanField(
        label=_("Control the false discovery rate (Benjamini–Hochberg)"),
        initial=True,
        required=False,
    )

    def __init__(self, *args, public: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if public:  # one fixed analysis beyond the team: only the cell size is a choice
            for name in ("grid", "permutations", "fdr"):
                del self.fields[name]

    def options(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        fdr = data.get("fdr", True) if self.data.get("submitted") else True
        return {
            "size": data.get("size") or DEFAULT_CELL_SIZE,
            "kind": data.get("grid") or GridKind.SQUARE,
            "permutations": data.get("permutations") or 0,
            "fdr": bool(fdr),
        }


class SupportServiceForm(forms.ModelForm):
    url = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SupportService
        fields = ["name", "phone", "url", "description", "languages", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class LanguageForm(forms.Form):
    """The respondent's language for the web form."""

    lang = forms.ChoiceField(label=_("Language of the form"), required=False)

    def __init__(self, *args, languages: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lang"].choices = languages
