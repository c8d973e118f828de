"""Who may do what with a pilot.

The city team edits its pilot; committee members with a Hub account see the committee's
people and approved minutes; everyone else sees the public summary.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from safercities.accounts.permissions import is_city_team_member, is_member


def can_edit_pilot(user, pilot) -> bool:
    return is_city_team_member(user, pilot.city_id)


def is_committee_member(user, pilot) -> bool:
    if not is_member(user):
        return False
    return pilot.committee.filter(user=user).exists()


def is_committee_partner(user, pilot) -> bool:
    """A committee member granted rights on the interventions they lead."""
    if not is_member(user):
        return False
    return pilot.committee.filter(user=user, can_update_interventions=True).exists()


def can_see_committee_details(user, pilot) -> bool:
    return can_edit_pilot(user, pilot) or is_committee_member(user, pilot)


def can_start_pilot(user, city) -> bool:
    return is_city_team_member(user, city)


def check_can_start_pilot(user, city) -> None:
    if not can_start_pilot(user, city):
        raise PermissionDenied(_("Only the city team can start the pilot of its city."))


def check_can_edit_pilot(user, pilot) -> None:
    if not can_edit_pilot(user, pilot):
        raise PermissionDenied(_("Only the city team can change its pilot."))


def check_can_view_meeting(user, meeting) -> None:
    if meeting.locked and can_see_committee_details(user, meeting.pilot):
        return
    if can_edit_pilot(user, meeting.pilot):
        return
    raise PermissionDenied(_("Only the committee can read these minutes."))


def check_can_download_output(user, output) -> None:
    check_can_edit_pilot(user, output.phase.pilot)


def filter_meetings_queryset(user, pilot, queryset):
    if can_edit_pilot(user, pilot):
        return queryset
    if is_committee_member(user, pilot):
        return queryset.approved()
    return queryset.none()


def can_update_intervention(user, intervention) -> bool:
    """The city team, or the committee partner leading it when granted that right."""
    if can_edit_pilot(user, intervention.pilot):
        return True
    seat = intervention.lead_seat
    return bool(
        seat is not None
        and is_member(user)
        and seat.user_id == user.pk
        and seat.can_update_interventions
    )


def check_can_update_intervention(user, intervention) -> None:
    if not can_update_intervention(user, intervention):
        raise PermissionDenied(_("Only the city team or the partner leading it can update it."))
