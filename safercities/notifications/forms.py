from django import forms

from safercities.notifications import registry
from safercities.notifications.enums import Delivery


class PreferencesForm(forms.Form):
    """One choice of delivery per registered kind of event."""

    def __init__(self, *args, current: dict[str, str], user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = registry.kinds(user)
        for kind in self.kinds:
            self.fields[kind.verb] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=current.get(kind.verb, kind.default_delivery),
                required=False,  # a kind left out of the form keeps its current choice
            )

    def groups(self) -> list[tuple[str, list]]:
        """The fields under their kind's group heading, in registration order."""
        grouped: dict[str, list] = {}
        for kind in self.kinds:
            grouped.setdefault(str(kind.group or ""), []).append(self[kind.verb])
        return list(grouped.items())

    def changed_choices(self) -> dict[str, str]:
        return {
            verb: self.cleaned_data[verb] for verb in self.changed_data if self.cleaned_data[verb]
        }
