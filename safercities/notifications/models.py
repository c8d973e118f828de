"""Notifications, delivery preferences and the digests that were sent.

A ``Notification`` is one event for one member ("Your resource was published"). It keeps a
snapshot of what the message needs (``title``, ``url``, ``data``) so that lists and mails
render without loading the target; the target itself is a generic reference
(``target_type`` + ``target_id``) for apps that want to go back to it.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from safercities.notifications.enums import Delivery, Frequency


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)

    def for_member(self, user) -> "NotificationQuerySet":
        return self.filter(recipient=user)

    def awaiting_digest(self, frequency: str) -> "NotificationQuerySet":
        """Notifications a digest of this frequency has not listed yet."""
        return self.filter(delivery=frequency, digest__isnull=True)


class Notification(models.Model):
    """Something happened that one member should hear about."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    verb = models.CharField(_("what happened"), max_length=60)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    title = models.CharField(_("about"), max_length=300, blank=True)
    url = models.CharField(_("address"), max_length=500, blank=True)
    language = models.CharField(_("language of the content"), max_length=20, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.SITE
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("mailed"), null=True, blank=True)
    digest = models.ForeignKey(
        "notifications.Digest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(
                fields=["delivery", "recipient"],
                condition=models.Q(digest__isnull=True, delivery__in=["daily", "weekly"]),
                name="notification_digest_queue",
            ),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        """The sentence in the current language (activate the reader's language first)."""
        from safercities.notifications.registry import render_message

        return render_message(self)

    @property
    def comment(self) -> str:
        return str(self.data.get("comment", "")) if isinstance(self.data, dict) else ""

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class Preference(models.Model):
    """A member's choice of delivery for one kind of event (absent: the kind's default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    verb = models.CharField(_("kind of event"), max_length=60)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "verb"], name="notification_preference_once")
        ]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id} {self.verb}: {self.delivery}"


class Digest(models.Model):
    """One digest mail for one member and one period. The unique row is the claim: a second
    worker building the same digest fails to insert it and skips the member."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_digests"
    )
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    period_start = models.DateField(_("period"))
    claim = models.CharField(max_length=40, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    listed = models.PositiveIntegerField(_("notifications listed"), default=0)
    other_languages = models.PositiveIntegerField(_("posts in other languages"), default=0)

    class Meta:
        ordering = ["-period_start", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "frequency", "period_start"], name="notification_digest_once"
            )
        ]
        verbose_name = _("digest")
        verbose_name_plural = _("digests")

    def __str__(self) -> str:
        return f"{self.frequency} {self.period_start} → {self.user_id}"
