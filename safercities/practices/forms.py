from django import forms
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from safercities.accounts.models import Organisation, User
from safercities.core.languages import language_choices
from safercities.library.models import Resource
from safercities.places.models import City, Country
from safercities.practices.enums import (
    Criterion,
    PreventionApproach,
    TargetGroup,
    UNPrinciple,
)
from safercities.practices.matching import cost_band_for_amount
from safercities.practices.models import CityProfile, Indicator, Practice, Review
from safercities.practices.rubric import RUBRIC
from safercities.practices.scoring import CRITERIA
from safercities.taxonomy.models import Theme

# Addresses under /practices/ that a practice's slug must not take.
RESERVED_SLUGS = {"new", "rubric", "for", "api"}


def _checkboxes(label, choices, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


class PracticeForm(forms.ModelForm):
    target_groups = _checkboxes(_("Target groups"), TargetGroup.choices)
    approaches = _checkboxes(_("Prevention approaches"), PreventionApproach.choices)
    principles = _checkboxes(
        _("Principles of the UN Guidelines for the Prevention of Crime (2002) it applies"),
        UNPrinciple.choices,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Practice
        fields = [
            "title",
            "slug",
            "language",
            "city",
            "country",
            "start_year",
            "end_year",
            "ongoing",
            "problem",
            "context",
            "what_was_done",
            "target_groups",
            "approaches",
            "principles",
            "themes",
            "partners",
            "other_partners",
            "cost_usd",
            "cost_band",
            "funding",
            "results",
            "evidence",
            "lessons",
            "transfer_conditions",
            "contact",
            "resources",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "context": forms.Textarea(attrs={"rows": 4}),
            "what_was_done": forms.Textarea(attrs={"rows": 6}),
            "other_partners": forms.Textarea(attrs={"rows": 3}),
            "funding": forms.Textarea(attrs={"rows": 2}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
            "transfer_conditions": forms.Textarea(attrs={"rows": 4}),
            "partners": forms.SelectMultiple(attrs={"size": 6}),
            "resources": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "slug": _("Letters, digits and hyphens; left empty, it is made from the title."),
            "country": _(
                "Left empty, it follows the city. Give only a country for a national practice."
            ),  # fmt: skip
            "end_year": _("Leave empty and tick “still ongoing” if it has not ended."),
            "cost_usd": _("Total cost in US dollars, if known."),
            "cost_band": _(
                "Only used when the amount is unknown (a known amount sets it): low is under "
                "50,000 USD, medium under 500,000 USD, high above."
            ),  # fmt: skip
            "partners": _("Partner organisations on the Hub; hold Ctrl (or ⌘) to pick several."),
            "contact": _("A member who can answer questions about the practice."),
            "resources": _("Published library resources about the practice."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["language"].choices = language_choices()
        self.fields["city"].queryset = City.objects.select_related("country").order_by("name")
        self.fields["country"].required = False
        self.fields["country"].queryset = Country.objects.asia_pacific().order_by("name")
        self.fields["partners"].queryset = Organisation.objects.order_by("name")
        self.fields["contact"].queryset = User.objects.filter(is_active=True).order_by(
            "name", "email"
        )
        self.fields["resources"].queryset = Resource.objects.published().order_by("title")

    def clean_slug(self) -> str:
        slug = (self.cleaned_data.get("slug") or "").strip().lower()
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This short name is reserved; please choose another."))
        return slug

    def clean_start_year(self) -> int:
        year = self.cleaned_data["start_year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("A practice in the library has already started."))
        return year

    def clean(self) -> dict:
        data = super().clean()
        city, country = data.get("city"), data.get("country")
        if city is None and country is None:
            self.add_error("city", _("Give the city, or the country for a national practice."))
        elif city is not None and country is not None and city.country_id != country.pk:
            self.add_error(
                "country",
                _("%(city)s is in %(country)s.")
                % {"city": city.name, "country": city.country.display_name},
            )
        start, end, ongoing = data.get("start_year"), data.get("end_year"), data.get("ongoing")
        if end is not None and ongoing:
            self.add_error("end_year", _("An ongoing practice has no end year yet."))
        elif end is None and not ongoing and "end_year" not in self.errors:
            self.add_error("end_year", _("Give the end year, or tick “still ongoing”."))
        elif start is not None and end is not None and end < start:
            self.add_error("end_year", _("The end year cannot be before the start year."))
        derived = cost_band_for_amount(data.get("cost_usd"))
        if derived:  # a known amount decides the band (an old band left in the form does not)
            data["cost_band"] = derived
        return data

    def save(self, commit: bool = True) -> Practice:
        practice = super().save(commit=False)
        if not practice.slug:
            practice.slug = unique_slug(practice.title, exclude=practice.pk)
        if commit:
            practice.save()
            self.save_m2m()
        return practice


def unique_slug(title: str, *, exclude: int | None = None) -> str:
    base = slugify(title)[:70].strip("-") or "practice"
    if base in RESERVED_SLUGS:
        base = f"practice-{base}"
    taken = Practice.objects.exclude(pk=exclude).filter(slug__startswith=base)
    existing = set(taken.values_list("slug", flat=True))
    slug, n = base, 2
    while slug in existing:
        slug, n = f"{base}-{n}", n + 1
    return slug


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "baseline", "result", "unit", "year"]
        help_texts = {
            # xgettext:no-python-format
            "unit": _("For example: % of women who feel safe, incidents per month.")
        }

    def clean(self) -> dict:
        data = super().clean()
        if data.get("baseline") is None and data.get("result") is None and data.get("name"):
            self.add_error("result", _("Give the baseline, the result, or both."))
        return data


IndicatorFormSet = forms.inlineformset_factory(
    Practice,
    Indicator,
    form=IndicatorForm,
    extra=2,
    max_num=20,
    can_delete=True,
)


class AssignReviewerForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"),
        queryset=User.objects.none(),
        help_text=_("A member who knows the field and did not take part in the practice."),
    )

    def __init__(self, *args, practice: Practice, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.practice = practice
        assigned = practice.assignments.values_list("reviewer_id", flat=True)
        self.fields["reviewer"].queryset = (
            User.objects.filter(is_active=True).exclude(pk__in=assigned).order_by("name", "email")
        )

    def clean_reviewer(self) -> User:
        reviewer = self.cleaned_data["reviewer"]
        if reviewer.pk in (self.practice.proposed_by_id, self.practice.contact_id):
            raise forms.ValidationError(
                _("The proposer or contact of a practice cannot review it.")
            )
        return reviewer


class CityConcernsForm(forms.ModelForm):
    concern_themes = forms.ModelMultipleChoiceField(
        label=_("Themes of concern"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CityProfile
        fields = ["concern_themes", "budget_band"]


class PracticeFilterForm(forms.Form):
    """The list's filters; unknown values are shown as errors and otherwise ignored."""

    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
    )
    approach = forms.ChoiceField(
        label=_("Approach"),
        choices=[("", _("All approaches")), *PreventionApproach.choices],
        required=False,
    )
    group = forms.ChoiceField(
        label=_("Target group"),
        choices=[("", _("All groups")), *TargetGroup.choices],
        required=False,
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All countries"),
    )
    replicable = forms.BooleanField(label=_("Only practices rated replicable"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        used = Practice.objects.published().values("country_id")
        self.fields["country"].queryset = Country.objects.filter(code__in=used).order_by("name")

    def filter(self, practices):
        if not self.is_bound:
            return practices
        self.is_valid()  # an invalid field drops out of cleaned_data and shows its error
        data = self.cleaned_data
        if data.get("theme"):
            practices = practices.filter(themes=data["theme"])
        if data.get("approach"):
            practices = practices.with_choice("approaches", data["approach"])
        if data.get("group"):
            practices = practices.with_choice("target_groups", data["group"])
        if data.get("country"):
            practices = practices.filter(country=data["country"])
        if data.get("replicable"):
            practices = practices.replicable()
        return practices


SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]
MIN_REASON = 10


class ReviewForm(forms.ModelForm):
    """Scores 1–5 and a written reason for each of the six criteria (rubric order)."""

    class Meta:
        model = Review
        fields = [
            field for criterion in CRITERIA for field in (criterion, f"{criterion}_reason")
        ] + ["comment"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for criterion in CRITERIA:
            self.fields[criterion] = forms.TypedChoiceField(
                label=Criterion(criterion).label,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
            )
            reason = self.fields[f"{criterion}_reason"]
            reason.label = _("Reason for this score")
            reason.widget = forms.Textarea(attrs={"rows": 3, "maxlength": 2000})
        self.fields["comment"].widget = forms.Textarea(attrs={"rows": 4, "maxlength": 4000})

    def clean(self) -> dict:
        data = super().clean()
        for criterion in CRITERIA:
            field = f"{criterion}_reason"
            reason = (data.get(field) or "").strip()
            if field in data and len(reason) < MIN_REASON:
                self.add_error(
                    field,
                    _("Please explain this score in a sentence (at least %(n)d characters).")
                    % {"n": MIN_REASON},
                )
        return data

    def criteria(self) -> list[dict]:
        """For the template: each criterion's rubric entry with its score and reason fields."""
        return [
            {
                "entry": entry,
                "score": self[entry.criterion],
                "reason": self[f"{entry.criterion}_reason"],
            }
            for entry in RUBRIC
        ]
