import re

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from safercities.accounts.models import Organisation, User
from safercities.core.languages import language_choices
from safercities.library.files import FileRejected, inspect_file
from safercities.library.forms import rejection_message, resource_from_reference
from safercities.pilots.enums import Approach, CommitteeRole, PhaseStatus
from safercities.pilots.models import Intervention
from safercities.places.models import District, InformalSettlement
from safercities.practices.enums import TargetGroup
from safercities.practices.models import Practice
from safercities.taxonomy.models import Theme


class DateInput(forms.DateInput):
    input_type = "date"


class PilotForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Public summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    language = forms.ChoiceField(label=_("Language"), choices=language_choices, initial="en")


class PhaseForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PhaseStatus.choices)
    started_on = forms.DateField(label=_("Started on"), required=False, widget=DateInput)
    ended_on = forms.DateField(label=_("Ended on"), required=False, widget=DateInput)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class OutputForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    resource = forms.CharField(
        label=_("Library resource"),
        required=False,
        help_text=_("Its number or its address, e.g. /library/12/"),
    )
    file = forms.FileField(label=_("Or a team-only file"), required=False)

    def clean_resource(self):
        text = self.cleaned_data["resource"].strip()
        if not text:
            return None
        resource = resource_from_reference(text)
        if resource is None or not resource.is_published:
            raise forms.ValidationError(_("No published library resource has this number."))
        return resource

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            try:
                inspect_file(upload, upload.size)
            except FileRejected as error:
                raise forms.ValidationError(rejection_message(error)) from error
            upload.seek(0)
        return upload

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("resource")) == bool(data.get("file")):
            raise forms.ValidationError(
                _("Choose a library resource or upload a file (one of the two).")
            )
        return data


class CommitteeMemberForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation in the directory"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
    )
    organisation_name = forms.CharField(
        label=_("Other organisation"),
        max_length=200,
        required=False,
        help_text=_("For organisations not in the directory, e.g. a community group."),
    )
    community = forms.BooleanField(
        label=_("Community organisation of an informal settlement"), required=False
    )
    person_name = forms.CharField(label=_("Person"), max_length=200, required=False)
    user_email = forms.EmailField(
        label=_("Their Hub account (email)"),
        required=False,
        help_text=_("Lets them read the committee's approved minutes."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=CommitteeRole.choices)
    can_update_interventions = forms.BooleanField(
        label=_("May update the interventions they lead"), required=False
    )

    def clean_user_email(self):
        email = self.cleaned_data["user_email"].strip()
        if not email:
            return None
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No member of the Hub has this email address."))
        return user

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not (data.get("organisation_name") or "").strip():
            self.add_error(
                "organisation_name", _("Choose an organisation or give the name of another one.")
            )
        if data.get("can_update_interventions") and not data.get("user_email"):
            self.add_error(
                "user_email", _("Give their Hub account so they can update interventions.")
            )
        return data

    def fields_for_service(self) -> dict:
        data = self.cleaned_data
        return {
            "organisation": data["organisation"],
            "organisation_name": "" if data["organisation"] else data["organisation_name"].strip(),
            "community": data["community"],
            "person_name": data["person_name"],
            "user": data["user_email"],
            "role": data["role"],
            "can_update_interventions": data["can_update_interventions"],
        }


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput)
    title = forms.CharField(label=_("Title"), max_length=200)
    minutes = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 10}), required=False
    )


class ProblemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.order_by("name"), required=False
    )
    approach = forms.ChoiceField(
        label=_("Prevention approach"),
        choices=[("", "—"), *Approach.choices],
        required=False,
    )
    rank = forms.IntegerField(
        label=_("Rank"),
        min_value=1,
        max_value=999,
        required=False,
        help_text=_("1 is the top priority."),
    )
    rank_reason = forms.CharField(
        label=_("Reason for the rank"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("rank") is not None and not (data.get("rank_reason") or "").strip():
            self.add_error("rank_reason", _("Say why this problem has this rank."))
        return data


class ObjectiveForm(forms.Form):
    title = forms.CharField(label=_("Objective"), max_length=300)


class InterventionForm(forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Intervention
        fields = [
            "title",
            "description",
            "approach",
            "target_groups",
            "district",
            "settlement",
            "lead_agency",
            "lead_seat",
            "partners",
            "budget",
            "currency",
            "funding_source",
            "starts_on",
            "ends_on",
            "next_report_on",
            "based_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "starts_on": DateInput,
            "ends_on": DateInput,
            "next_report_on": DateInput,
        }

    def __init__(self, *args, pilot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.filter(city=pilot.city).order_by("name")
        self.fields["settlement"].queryset = InformalSettlement.objects.filter(
            city=pilot.city
        ).order_by("name")
        self.fields["lead_seat"].queryset = pilot.committee.select_related("organisation")
        self.fields["based_on"].queryset = Practice.objects.published().order_by("title")
        self.fields["budget"].min_value = 0
        self.fields["budget"].validators.append(MinValueValidator(0))
        self.fields["currency"].help_text = _("Three letters, e.g. THB, USD.")

    def clean_currency(self):
        currency = self.cleaned_data["currency"].strip().upper()
        if currency and not re.fullmatch(r"[A-Z]{3}", currency):
            raise forms.ValidationError(_("Three letters, e.g. THB, USD."))
        return currency


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DateInput)
    weight = forms.IntegerField(
        label=_("Weight"),
        min_value=1,
        max_value=100,
        initial=1,
        help_text=_("How much this milestone counts in the progress."),
    )


class MilestoneDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DateInput)
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What shows it is done: a report, photos, a link."),
    )
