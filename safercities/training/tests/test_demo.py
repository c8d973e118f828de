import io

import pytest
from django.core.management import call_command

from safercities.training.enums import RegistrationStatus as S
from safercities.training.models import Certificate, Event

pytestmark = pytest.mark.django_db


def test_the_demo_loads_three_kinds_of_event_once():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # idempotent
    kinds = set(Event.objects.values_list("kind", flat=True))
    assert kinds == {"expert_group_meeting", "training_of_trainers", "sensitisation_workshop"}
    tot = Event.objects.get(kind="training_of_trainers")
    assert tot.registrations.count() == 6
    assert Certificate.objects.filter(registration__event=tot).count() == 5
    workshop = Event.objects.get(kind="sensitisation_workshop")
    assert workshop.seats_taken == 3
    assert workshop.registrations.filter(status=S.WAITING).count() == 1
