from django import forms
from django.utils.translation import gettext_lazy as _

from safercities.accounts.enums import Role
from safercities.accounts.models import RequestableRole
from safercities.accounts.roles import TEAM_LEAD
from safercities.places.models import City


def _cities():
    return City.objects.select_related("country").order_by("name")


class RoleRequestForm(forms.Form):
    role = forms.ChoiceField(label=_("Role you ask for"), choices=RequestableRole.choices)
    city = forms.ModelChoiceField(
        label=_("City (for a city team)"),
        queryset=City.objects.none(),
        required=False,
        help_text=_("Only needed when you ask to join a city team."),
    )
    reason = forms.CharField(
        label=_("Why do you need this role?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        help_text=_("For example: your work in the city, the project, who can vouch for you."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = _cities()

    def clean(self) -> dict:
        data = super().clean()
        if data.get("role") == RequestableRole.CITY_TEAM and not data.get("city"):
            self.add_error("city", _("Choose the city whose team you want to join."))
        return data


class DecisionForm(forms.Form):
    response = forms.CharField(
        label=_("Answer to the person (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 2000}),
    )


def grantable_roles():
    return [
        (Role.EDITOR, Role.EDITOR.label),
        (Role.TRAINER, Role.TRAINER.label),
        (Role.CITY_TEAM, Role.CITY_TEAM.label),
        (TEAM_LEAD, _("City team lead")),
        (Role.SITE_ADMIN, Role.SITE_ADMIN.label),
    ]


class GrantRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=grantable_roles)
    city = forms.ModelChoiceField(
        label=_("City (for a city team)"), queryset=City.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = _cities()

    def clean(self) -> dict:
        data = super().clean()
        if data.get("role") in (Role.CITY_TEAM, TEAM_LEAD) and not data.get("city"):
            self.add_error("city", _("Choose the city whose team this is."))
        if data.get("role") not in (Role.CITY_TEAM, TEAM_LEAD):
            data["city"] = None
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the person to invite"))
    as_lead = forms.BooleanField(label=_("Invite as team lead"), required=False)
    message = forms.CharField(
        label=_("Personal message (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    )

    def __init__(self, *args, lead_label=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if lead_label:
            self.fields["as_lead"].label = lead_label
