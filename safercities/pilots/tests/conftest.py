import pytest

from safercities.pilots import services
from safercities.pilots.enums import CommitteeRole


@pytest.fixture
def pilot_a(team_a, city_a):
    return services.start_pilot(team_a, city_a, title="Safer Bangkok", summary="A public summary.")


@pytest.fixture
def partner(make_user, make_organisation, pilot_a, team_a):
    """A committee partner of Bangkok's pilot, granted rights on the interventions they lead."""
    user = make_user(email="partner@example.org", name="Committee Partner")
    services.add_committee_member(
        team_a,
        pilot_a,
        organisation=make_organisation(name="Community Network"),
        organisation_name="",
        community=True,
        person_name="Partner Person",
        user=user,
        role=CommitteeRole.PARTNER,
        can_update_interventions=True,
    )
    return user


from safercities.diagnosis.tests.conftest import make_assessment, private_media  # noqa: E402,F401
from safercities.practices.tests.conftest import make_practice  # noqa: E402,F401
