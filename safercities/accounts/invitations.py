"""Invite someone by email to a city team or an organisation; accept; withdraw.

The link carries a signed, time-stamped token (``django.core.signing``); it stops working
after ``INVITATION_DAYS`` days, once accepted or once withdrawn. Accepting needs an account
with the invited address: the link proves the person reads that mailbox, so an unconfirmed
address is confirmed by it.
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from safercities.accounts.enums import InvitationKind, InvitationStatus
from safercities.accounts.models import Invitation, OrganisationMembership, User
from safercities.accounts.models_roles import INVITATION_DAYS
from safercities.accounts.roles import TEAM_LEAD, RoleError, grant_role, holds_role
from safercities.core.audit import record
from safercities.core.tasks import send_email

SALT = "safercities.accounts.invitation"


class InvitationError(Exception):
    """The link cannot be used; the message says why."""


def token_for(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "k": invitation.key}, salt=SALT, compress=True)


def link_for(invitation: Invitation) -> str:
    path = reverse("accounts:invitation", args=[token_for(invitation)])
    return settings.SITE_URL.rstrip("/") + path


def invitation_from_token(token: str) -> Invitation:
    """The invitation behind a link, or ``InvitationError`` saying why it cannot be used."""
    try:
        data = signing.loads(token, salt=SALT, max_age=INVITATION_DAYS * 24 * 3600)
    except signing.SignatureExpired as exc:
        raise InvitationError(_("This invitation has expired. Ask for a new one.")) from exc
    except signing.BadSignature as exc:
        raise InvitationError(_("This invitation link is not valid.")) from exc
    invitation = (
        Invitation.objects.select_related("city", "organisation", "invited_by")
        .filter(pk=data.get("i"), key=data.get("k"))
        .first()
    )
    if invitation is None:
        raise InvitationError(_("This invitation link is not valid."))
    if invitation.status == InvitationStatus.REVOKED:
        raise InvitationError(_("This invitation has been withdrawn."))
    if invitation.status == InvitationStatus.ACCEPTED:
        raise InvitationError(_("This invitation has already been accepted."))
    if invitation.is_expired:
        raise InvitationError(_("This invitation has expired. Ask for a new one."))
    return invitation


@transaction.atomic
def invite(
    actor,
    email: str,
    *,
    city=None,
    organisation=None,
    as_lead: bool = False,
    message: str = "",
    language: str | None = None,
) -> Invitation:
    """Create an invitation and mail its link (in ``language``, else the inviter's)."""
    email = email.strip().lower()
    if (city is None) == (organisation is None):
        raise InvitationError(_("Invite to one city team or one organisation."))
    kind = InvitationKind.CITY_TEAM if city is not None else InvitationKind.ORGANISATION
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if city is not None and holds_role(existing, "city_team", city):
            raise InvitationError(_("%(email)s is already in this team.") % {"email": email})
        if (
            organisation is not None
            and existing.memberships.confirmed().filter(organisation=organisation).exists()
        ):
            raise InvitationError(
                _("%(email)s already belongs to this organisation.") % {"email": email}
            )
    language = language or getattr(actor, "ui_language", "") or translation.get_language()
    if existing is not None and existing.ui_language:
        language = existing.ui_language
    invitation = Invitation.objects.create(
        kind=kind,
        email=email,
        city=city,
        organisation=organisation,
        as_lead=as_lead,
        message=message.strip()[:1000],
        language=language or settings.LANGUAGE_CODE,
        invited_by=actor,
    )
    record(actor, "invitation.sent", invitation, email=email, kind=kind, as_lead=as_lead)
    _send(invitation)
    return invitation


def _send(invitation: Invitation) -> None:
    with translation.override(invitation.language):
        target = str(invitation.target)
        subject = _("Invitation to join %(target)s on the Safer Cities Hub") % {"target": target}
        body = render_to_string(
            "accounts/mail/invitation.txt",
            {"invitation": invitation, "target": target, "link": link_for(invitation)},
        )
    send_email.enqueue(subject=subject[:180], body=body, to=[invitation.email])


def user_has_address(user: User, email: str) -> bool:
    return (
        user.email.lower() == email.lower()
        or user.emailaddress_set.filter(email__iexact=email).exists()
    )


@transaction.atomic
def accept(user: User, invitation: Invitation) -> Invitation:
    """Join the team or organisation; returns the accepted invitation."""
    if invitation.status != InvitationStatus.PENDING or invitation.is_expired:
        raise InvitationError(_("This invitation can no longer be accepted."))
    if not user_has_address(user, invitation.email):
        raise InvitationError(
            _("This invitation was sent to %(email)s. Log in with that address to accept it.")
            % {"email": invitation.email}
        )
    user.emailaddress_set.filter(email__iexact=invitation.email).update(verified=True)
    inviter = invitation.invited_by
    if invitation.kind == InvitationKind.CITY_TEAM:
        city = invitation.city
        try:
            if not holds_role(user, "city_team", city):
                grant_role(inviter, user, "city_team", city=city, reason="invitation")
            if invitation.as_lead and not holds_role(user, TEAM_LEAD, city):
                grant_role(inviter, user, TEAM_LEAD, city=city, reason="invitation")
        except RoleError as exc:
            raise InvitationError(str(exc)) from exc
    else:
        membership, _created = OrganisationMembership.objects.get_or_create(
            user=user, organisation=invitation.organisation
        )
        membership.confirmed_at = membership.confirmed_at or timezone.now()
        membership.confirmed_by = membership.confirmed_by or inviter
        membership.is_admin = membership.is_admin or invitation.as_lead
        membership.save()
        if user.organisation_id is None:
            user.organisation = invitation.organisation
            user.save(update_fields=["organisation"])
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_by = user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["status", "accepted_by", "accepted_at"])
    record(user, "invitation.accepted", invitation)
    return invitation


@transaction.atomic
def revoke(actor, invitation: Invitation) -> Invitation:
    if invitation.status != InvitationStatus.PENDING:
        raise InvitationError(_("Only an invitation not yet accepted can be withdrawn."))
    invitation.status = InvitationStatus.REVOKED
    invitation.save(update_fields=["status"])
    record(actor, "invitation.revoked", invitation)
    return invitation
