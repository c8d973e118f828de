"""The verbs of organisations: create (pending), verify, edit, archive, restore, merge;
join, confirm or remove a member, make or unmake an organisation admin.

A member-created organisation waits for a site admin's verification; its creator becomes its
first admin. Memberships count for trust once confirmed (``OrganisationMembership.trusted()``).
Permission checks belong to the caller.
"""

from django.conf import settings
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from safercities.accounts.enums import OrganisationStatus
from safercities.accounts.models import Organisation, OrganisationMembership, User
from safercities.core.audit import record
from safercities.core.tasks import send_email


class OrganisationError(Exception):
    """A change that cannot be done; the message is for the person who tried."""


@transaction.atomic
def create_organisation(user: User, organisation: Organisation) -> Organisation:
    """Save a new organisation from a member: pending, with its creator as first admin."""
    verified = getattr(user, "is_superuser", False)
    organisation.status = OrganisationStatus.VERIFIED if verified else OrganisationStatus.PENDING
    organisation.created_by = user
    organisation.save()
    OrganisationMembership.objects.update_or_create(
        user=user,
        organisation=organisation,
        defaults={"is_admin": True, "confirmed_at": timezone.now(), "confirmed_by": user},
    )
    if user.organisation_id is None:
        user.organisation = organisation
        user.save(update_fields=["organisation"])
    record(user, "organisation.created", organisation, status=organisation.status)
    if not verified:
        for admin in User.objects.filter(is_superuser=True, is_active=True):
            _mail(
                admin,
                lambda: (
                    _("A new organisation waits for verification: %(name)s")
                    % {"name": organisation.name}
                ),
                organisation,
            )
    return organisation


def _mail(user: User, subject, organisation: Organisation) -> None:
    with translation.override(user.ui_language or settings.LANGUAGE_CODE):
        text = str(subject())
        body = render_to_string(
            "accounts/mail/organisation.txt",
            {
                "user": user,
                "message": text,
                "link": settings.SITE_URL.rstrip("/") + organisation.get_absolute_url(),
            },
        )
    send_email.enqueue(subject=text[:180], body=body, to=[user.email])


def _set_status(actor, organisation: Organisation, status: str, action: str) -> Organisation:
    if organisation.status == status:
        raise OrganisationError(_("Nothing to change: the organisation already has this status."))
    previous = organisation.status
    organisation.status = status
    organisation.save(update_fields=["status"])
    record(actor, action, organisation, previous=previous)
    return organisation


@transaction.atomic
def verify_organisation(actor, organisation: Organisation) -> Organisation:
    if organisation.status != OrganisationStatus.PENDING:
        raise OrganisationError(_("Only an organisation waiting for verification can be verified."))
    _set_status(actor, organisation, OrganisationStatus.VERIFIED, "organisation.verified")
    if organisation.created_by and organisation.created_by.is_active:
        _mail(
            organisation.created_by,
            lambda: (
                _("%(name)s has been verified and is now listed on the Hub.")
                % {"name": organisation.name}
            ),
            organisation,
        )
    return organisation


@transaction.atomic
def archive_organisation(actor, organisation: Organisation) -> Organisation:
    return _set_status(actor, organisation, OrganisationStatus.ARCHIVED, "organisation.archived")


@transaction.atomic
def restore_organisation(actor, organisation: Organisation) -> Organisation:
    if organisation.status != OrganisationStatus.ARCHIVED:
        raise OrganisationError(_("Only an archived organisation can be restored."))
    organisation.merged_into = None
    organisation.save(update_fields=["merged_into"])
    return _set_status(actor, organisation, OrganisationStatus.VERIFIED, "organisation.restored")


@transaction.atomic
def update_organisation(actor, organisation: Organisation, changed: list[str]) -> Organisation:
    organisation.save()
    record(actor, "organisation.updated", organisation, fields=sorted(changed))
    return organisation


@transaction.atomic
def merge_organisations(actor, source: Organisation, target: Organisation) -> Organisation:
    """Move everything that points at ``source`` to ``target``; archive ``source``.

    Members, memberships (the stronger of two is kept), invitations and every link other
    apps hold (foreign keys and many-to-many) follow, without this app knowing them.
    """
    if source.pk == target.pk:
        raise OrganisationError(_("Choose another organisation to merge into."))
    if target.status == OrganisationStatus.ARCHIVED:
        raise OrganisationError(_("An archived organisation cannot receive a merge."))
    moved = {}
    for membership in source.memberships.all():
        other = target.memberships.filter(user=membership.user).first()
        if other is None:
            membership.organisation = target
            membership.save(update_fields=["organisation"])
            continue
        other.is_admin = other.is_admin or membership.is_admin
        if other.confirmed_at is None and membership.confirmed_at is not None:
            other.confirmed_at, other.confirmed_by = (
                membership.confirmed_at,
                membership.confirmed_by,
            )
        other.save()
        membership.delete()
    for relation in Organisation._meta.related_objects:
        if relation.related_model is OrganisationMembership or (
            relation.related_model is Organisation
        ):
            continue
        if relation.many_to_many:
            through = relation.through
            source_field = relation.field.m2m_reverse_field_name()
            owner_field = relation.field.m2m_field_name()
            rows = through.objects.filter(**{source_field: source.pk})
            owners = set(rows.values_list(owner_field, flat=True))
            already = set(
                through.objects.filter(
                    **{source_field: target.pk, f"{owner_field}__in": owners}
                ).values_list(owner_field, flat=True)
            )
            rows.filter(**{f"{owner_field}__in": already}).delete()
            count = rows.update(**{f"{source_field}_id": target.pk})
        elif relation.one_to_many:
            count = relation.related_model._default_manager.filter(
                **{relation.field.name: source}
            ).update(**{relation.field.name: target})
        else:
            continue
        if count:
            moved[relation.related_model._meta.label_lower] = count
    source.status = OrganisationStatus.ARCHIVED
    source.merged_into = target
    source.save(update_fields=["status", "merged_into"])
    record(actor, "organisation.merged", source, into=target.pk, into_name=target.name, moved=moved)
    return target


# --- members -----------------------------------------------------------------------------


@transaction.atomic
def join_organisation(user: User, organisation: Organisation) -> OrganisationMembership:
    """Say one belongs to an organisation; its admins then confirm (or not)."""
    if organisation.status == OrganisationStatus.ARCHIVED:
        raise OrganisationError(_("This organisation is archived."))
    membership, created = OrganisationMembership.objects.get_or_create(
        user=user, organisation=organisation
    )
    if not created:
        raise OrganisationError(_("You have already said you belong to this organisation."))
    record(user, "organisation.joined", organisation, user_id=user.pk)
    for admin in User.objects.filter(
        memberships__organisation=organisation,
        memberships__is_admin=True,
        memberships__confirmed_at__isnull=False,
        is_active=True,
    ).exclude(pk=user.pk):
        _mail(
            admin,
            lambda: (
                _("%(person)s says they belong to %(name)s: please confirm")
                % {"person": user, "name": organisation.name}
            ),
            organisation,
        )
    return membership


def claim_from_profile(user: User) -> OrganisationMembership | None:
    """After a profile edit: the chosen organisation gets a (pending) membership."""
    if user.organisation_id is None:
        return None
    membership, created = OrganisationMembership.objects.get_or_create(
        user=user, organisation_id=user.organisation_id
    )
    if created:
        record(user, "organisation.joined", membership.organisation, user_id=user.pk)
    return membership


@transaction.atomic
def confirm_member(actor, membership: OrganisationMembership) -> OrganisationMembership:
    if membership.confirmed_at is not None:
        raise OrganisationError(_("This membership is already confirmed."))
    membership.confirmed_at = timezone.now()
    membership.confirmed_by = actor
    membership.save(update_fields=["confirmed_at", "confirmed_by"])
    record(
        actor, "organisation.member_confirmed", membership.organisation, user_id=membership.user_id
    )
    return membership


@transaction.atomic
def set_admin(actor, membership: OrganisationMembership, is_admin: bool) -> OrganisationMembership:
    if is_admin and membership.confirmed_at is None:
        raise OrganisationError(_("Confirm the membership first."))
    if not is_admin and membership.is_admin:
        admins = membership.organisation.memberships.admins()
        if admins.count() <= 1:
            raise OrganisationError(_("An organisation needs at least one admin."))
    membership.is_admin = is_admin
    membership.save(update_fields=["is_admin"])
    action = "organisation.admin_added" if is_admin else "organisation.admin_removed"
    record(actor, action, membership.organisation, user_id=membership.user_id)
    return membership


@transaction.atomic
def remove_member(actor, membership: OrganisationMembership) -> None:
    if membership.is_admin and membership.organisation.memberships.admins().count() <= 1:
        raise OrganisationError(_("An organisation needs at least one admin."))
    user = membership.user
    record(
        actor,
        "organisation.member_removed",
        membership.organisation,
        user_id=user.pk,
        was_confirmed=membership.confirmed_at is not None,
        was_admin=membership.is_admin,
    )
    if user.organisation_id == membership.organisation_id:
        user.organisation = None
        user.save(update_fields=["organisation"])
    membership.delete()


def members_queryset(organisation: Organisation) -> models.QuerySet:
    return organisation.memberships.select_related("user").filter(user__is_active=True)
