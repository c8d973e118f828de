"""Role requests, invitations and organisation memberships (imported by ``models``)."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safercities.accounts.enums import InvitationKind, InvitationStatus, RequestStatus

INVITATION_DAYS = 14


class RequestableRole(models.TextChoices):
    EDITOR = "editor", _("Editor")
    CITY_TEAM = "city_team", _("City team member")
    TRAINER = "trainer", _("Trainer")


class RoleRequestQuerySet(models.QuerySet):
    def pending(self) -> "RoleRequestQuerySet":
        return self.filter(status=RequestStatus.PENDING)

    def for_city_team(self, city_ids) -> "RoleRequestQuerySet":
        return self.filter(role=RequestableRole.CITY_TEAM, city_id__in=city_ids)


class RoleRequest(models.Model):
    """A member asks for a role (for a city team: a named city), giving a reason."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_requests"
    )
    role = models.CharField(_("role"), max_length=20, choices=RequestableRole.choices)
    city = models.ForeignKey(
        "places.City",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_requests",
    )
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(
        pgettext_lazy("request", "status"),
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.PENDING,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField(_("answer to the person"), max_length=2000, blank=True)

    objects = RoleRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("role request")
        verbose_name_plural = _("role requests")

    def __str__(self) -> str:
        label = RequestableRole(self.role).label
        return f"{self.user}: {label}" + (f" ({self.city})" if self.city_id else "")


class InvitationQuerySet(models.QuerySet):
    def open(self) -> "InvitationQuerySet":
        return self.filter(status=InvitationStatus.PENDING, expires_at__gt=timezone.now())


def _expiry():
    return timezone.now() + timedelta(days=INVITATION_DAYS)


def _key() -> str:
    return secrets.token_urlsafe(18)


class Invitation(models.Model):
    """An emailed invitation to join a city team or an organisation (signed, expiring link)."""

    kind = models.CharField(_("invitation to"), max_length=20, choices=InvitationKind.choices)
    email = models.EmailField(_("email address"))
    city = models.ForeignKey(
        "places.City", null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    as_lead = models.BooleanField(_("as team lead or organisation admin"), default=False)
    message = models.TextField(_("personal message"), max_length=1000, blank=True)
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE)
    key = models.CharField(max_length=40, unique=True, default=_key)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_expiry)
    status = models.CharField(
        max_length=20, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.target}"

    @property
    def target(self):
        return self.city if self.kind == InvitationKind.CITY_TEAM else self.organisation

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class OrganisationMembershipQuerySet(models.QuerySet):
    def confirmed(self) -> "OrganisationMembershipQuerySet":
        """Memberships an organisation's admin (or a site admin) has confirmed."""
        return self.filter(confirmed_at__isnull=False)

    def trusted(self) -> "OrganisationMembershipQuerySet":
        """Confirmed memberships of verified organisations: what other apps may trust."""
        from safercities.accounts.enums import OrganisationStatus

        return self.confirmed().filter(organisation__status=OrganisationStatus.VERIFIED)

    def pending(self) -> "OrganisationMembershipQuerySet":
        return self.filter(confirmed_at__isnull=True)

    def admins(self) -> "OrganisationMembershipQuerySet":
        return self.confirmed().filter(is_admin=True)


class OrganisationMembership(models.Model):
    """A person belongs to an organisation; trusted once the organisation confirms it.

    Other apps (the network) trust ``OrganisationMembership.objects.trusted()`` (confirmed,
    of a verified organisation) and ``permissions.is_confirmed_member(user, organisation)``.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    is_admin = models.BooleanField(_("organisation admin"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = OrganisationMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-is_admin", "user__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_membership_per_organisation"
            )
        ]
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
