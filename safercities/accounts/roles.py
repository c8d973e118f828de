"""The verbs of roles: grant, remove, undo; request, approve, decline, withdraw.

Every grant and removal is one audit entry (``role.granted`` / ``role.removed``) holding
what is needed to undo it; ``undo_role_change`` applies the inverse and records it with
``undoes`` pointing at the entry. Permission checks belong to the caller.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from safercities.accounts.enums import RequestStatus, Role
from safercities.accounts.models import CityTeamMembership, RequestableRole, RoleRequest, User
from safercities.core.audit import record
from safercities.core.models import AuditLogEntry
from safercities.core.tasks import send_email

TEAM_LEAD = "team_lead"
ROLE_ACTIONS = ("role.granted", "role.removed")
CITY_ROLES = (Role.CITY_TEAM, TEAM_LEAD)
FLAG_ROLES = {Role.EDITOR: "is_editor", Role.TRAINER: "is_trainer", Role.SITE_ADMIN: "is_superuser"}


class RoleError(Exception):
    """A role change that cannot be done; the message is for the person who tried."""


def role_label(role: str) -> str:
    if role == TEAM_LEAD:
        return _("City team lead")
    return str(Role(role).label)


def holds_role(user: User, role: str, city=None) -> bool:
    if role in FLAG_ROLES:
        return bool(getattr(user, FLAG_ROLES[role]))
    membership = user.city_teams.filter(city=city).first()
    if role == TEAM_LEAD:
        return bool(membership and membership.is_lead)
    return membership is not None


def _data(user: User, role: str, city) -> dict:
    data = {"user_id": user.pk, "role": role}
    if city is not None:
        data |= {"city_id": city.pk, "city": city.name}
    return data


@transaction.atomic
def grant_role(actor, user: User, role: str, *, city=None, reason: str = "") -> AuditLogEntry:
    """Give ``user`` the role (team roles: for ``city``); returns the audit entry."""
    if role in CITY_ROLES and city is None:
        raise RoleError(_("Choose the city whose team this is."))
    if role not in FLAG_ROLES and role not in CITY_ROLES:
        raise RoleError(_("This role cannot be granted here."))
    if holds_role(user, role, city):
        raise RoleError(_("%(person)s already has this role.") % {"person": user})
    if role in FLAG_ROLES:
        setattr(user, FLAG_ROLES[role], True)
        if role == Role.SITE_ADMIN:
            user.is_staff = True
        user.save(update_fields=[FLAG_ROLES[role], "is_staff"])
    else:
        membership, _created = CityTeamMembership.objects.get_or_create(user=user, city=city)
        if role == TEAM_LEAD:
            membership.is_lead = True
            membership.save(update_fields=["is_lead"])
    return record(actor, "role.granted", user, **_data(user, role, city), reason=reason[:500])


@transaction.atomic
def remove_role(actor, user: User, role: str, *, city=None) -> AuditLogEntry:
    """Take the role away; removing a team membership also ends leadership of that team."""
    if not holds_role(user, role, city):
        raise RoleError(_("%(person)s does not have this role.") % {"person": user})
    data = _data(user, role, city)
    if role in FLAG_ROLES:
        if role == Role.SITE_ADMIN and User.objects.filter(is_superuser=True).count() <= 1:
            raise RoleError(_("The Hub needs at least one site administrator."))
        setattr(user, FLAG_ROLES[role], False)
        fields = [FLAG_ROLES[role]]
        if role == Role.SITE_ADMIN:
            user.is_staff = False
            fields.append("is_staff")
        user.save(update_fields=fields)
    else:
        membership = user.city_teams.get(city=city)
        if role == TEAM_LEAD:
            membership.is_lead = False
            membership.save(update_fields=["is_lead"])
        else:
            data |= {"was_lead": membership.is_lead, "since": membership.since.isoformat()}
            membership.delete()
    return record(actor, "role.removed", user, **data)


def role_changes():
    return AuditLogEntry.objects.filter(action__in=ROLE_ACTIONS).select_related("actor")


def undone_entry_ids(entries) -> set[int]:
    ids = [e.pk for e in entries]
    return {
        int(u)
        for u in AuditLogEntry.objects.filter(
            action__in=ROLE_ACTIONS, data__undoes__in=ids
        ).values_list("data__undoes", flat=True)
    }


@transaction.atomic
def undo_role_change(actor, entry: AuditLogEntry) -> AuditLogEntry:
    """Apply the inverse of a grant or removal, once; returns the new audit entry."""
    if entry.action not in ROLE_ACTIONS:
        raise RoleError(_("Only role changes can be undone here."))
    if entry.pk in undone_entry_ids([entry]):
        raise RoleError(_("This change has already been undone."))
    from safercities.places.models import City

    data = entry.data
    user = User.objects.filter(pk=data.get("user_id")).first()
    city = City.objects.filter(pk=data["city_id"]).first() if data.get("city_id") else None
    if user is None or (data.get("city_id") and city is None):
        raise RoleError(_("The person or the city no longer exists."))
    role = data["role"]
    if entry.action == "role.granted":
        new = remove_role(actor, user, role, city=city)
    else:
        new = grant_role(actor, user, role, city=city)
        if data.get("was_lead"):
            CityTeamMembership.objects.filter(user=user, city=city).update(is_lead=True)
    new.data["undoes"] = entry.pk
    new.save(update_fields=["data"])
    return new


# --- requests ----------------------------------------------------------------------------


def _approvers(role_request: RoleRequest):
    admins = User.objects.filter(is_superuser=True, is_active=True)
    if role_request.role != RequestableRole.CITY_TEAM:
        return list(admins)
    leads = User.objects.filter(
        is_active=True, city_teams__city=role_request.city, city_teams__is_lead=True
    )
    return list({u.pk: u for u in [*leads, *admins]}.values())


def _mail(user: User, subject_text, template: str, context: dict) -> None:
    with translation.override(user.ui_language or settings.LANGUAGE_CODE):
        subject = str(subject_text()).replace("\n", " ")[:180]
        body = render_to_string(template, {"user": user, "site_url": settings.SITE_URL, **context})
    send_email.enqueue(subject=subject, body=body, to=[user.email])


@transaction.atomic
def request_role(user: User, role: str, *, reason: str, city=None) -> RoleRequest:
    """Ask for a role; the approvers (site admins, the city's team leads) are told by mail."""
    if role not in RequestableRole.values:
        raise RoleError(_("This role cannot be requested."))
    if role == RequestableRole.CITY_TEAM and city is None:
        raise RoleError(_("Choose the city whose team you want to join."))
    if role != RequestableRole.CITY_TEAM:
        city = None
    if not reason.strip():
        raise RoleError(_("Please say why you need this role."))
    if holds_role(user, role, city):
        raise RoleError(_("You already have this role."))
    if RoleRequest.objects.pending().filter(user=user, role=role, city=city).exists():
        raise RoleError(_("You already asked for this role; the request is waiting."))
    role_request = RoleRequest.objects.create(
        user=user, role=role, city=city, reason=reason.strip()[:2000]
    )
    record(user, "role.requested", role_request, role=role, city_id=city.pk if city else None)
    for approver in _approvers(role_request):
        _mail(
            approver,
            lambda: (
                _("%(person)s asks to become: %(role)s")
                % {"person": user, "role": role_label(role)}
            ),
            "accounts/mail/role_requested.txt",
            {"role_request": role_request, "role": role_label(role)},
        )
    return role_request


def _decide(actor, role_request: RoleRequest, status: str, response: str) -> RoleRequest:
    if role_request.status != RequestStatus.PENDING:
        raise RoleError(_("This request has already been decided."))
    role_request.status = status
    role_request.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    role_request.decided_at = timezone.now()
    role_request.response = response.strip()[:2000]
    role_request.save(update_fields=["status", "decided_by", "decided_at", "response"])
    return role_request


@transaction.atomic
def approve_request(actor, role_request: RoleRequest, *, response: str = "") -> RoleRequest:
    """Grant the requested role and tell the person."""
    _decide(actor, role_request, RequestStatus.APPROVED, response)
    if not holds_role(role_request.user, role_request.role, role_request.city):
        grant_role(
            actor,
            role_request.user,
            role_request.role,
            city=role_request.city,
            reason=role_request.reason,
        )
    record(actor, "role_request.approved", role_request)
    _tell_requester(role_request)
    return role_request


@transaction.atomic
def decline_request(actor, role_request: RoleRequest, *, response: str = "") -> RoleRequest:
    _decide(actor, role_request, RequestStatus.DECLINED, response)
    record(actor, "role_request.declined", role_request)
    _tell_requester(role_request)
    return role_request


@transaction.atomic
def withdraw_request(user: User, role_request: RoleRequest) -> RoleRequest:
    if role_request.user_id != user.pk:
        raise RoleError(_("You can only withdraw your own requests."))
    _decide(user, role_request, RequestStatus.WITHDRAWN, "")
    record(user, "role_request.withdrawn", role_request)
    return role_request


def _tell_requester(role_request: RoleRequest) -> None:
    user = role_request.user
    approved = role_request.status == RequestStatus.APPROVED

    def subject():
        label = role_label(role_request.role)
        if approved:
            return _("You are now: %(role)s") % {"role": label}
        return _("Your request to become %(role)s was declined") % {"role": label}

    _mail(
        user,
        subject,
        "accounts/mail/role_decided.txt",
        {
            "role_request": role_request,
            "role": role_label(role_request.role),
            "approved": approved,
        },
    )
