"""The seeded theme taxonomy. Names are marked for translation."""

from django.utils.translation import gettext_lazy as _

SEEDED_THEME_NAMES = {
    "womens-safety": _("Women's safety"),
    "youth": _("Youth"),
    "street-lighting": _("Street lighting"),
    "policing": _("Policing"),
    "domestic-violence": _("Domestic violence"),
    "drugs": _("Drugs"),
    "cpted": _("Crime prevention through environmental design"),
    "slum-upgrading": _("Slum upgrading"),
    "public-transport": _("Public transport"),
    "victimization-survey": _("Victimization surveys"),
    "safety-planning": _("Safety planning"),
    "un-guidelines": _("UN Guidelines for the Prevention of Crime"),
    "land-tenure": _("Land tenure"),
    "urban-poverty": _("Urban poverty"),
}
