import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safercities.accounts.enums import OrganisationStatus, OrganisationType
from safercities.core.languages import language_choices


class OrganisationQuerySet(models.QuerySet):
    def listed(self) -> "OrganisationQuerySet":
        """Verified and not archived: what everyone sees in listings."""
        return self.filter(status=OrganisationStatus.VERIFIED)

    def pending(self) -> "OrganisationQuerySet":
        return self.filter(status=OrganisationStatus.PENDING)


class Organisation(models.Model):
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)
    country = models.ForeignKey(
        "places.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    city = models.ForeignKey(
        "places.City",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        pgettext_lazy("organisation", "status"),
        max_length=20,
        choices=OrganisationStatus.choices,
        default=OrganisationStatus.VERIFIED,
    )
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            base = slugify(self.acronym or self.name)[:70] or "organisation"
            slug, n = base, 1
            while Organisation.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                n += 1
                slug = f"{base}-{n}"
            self.slug = slug
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("accounts:organisation", args=[self.slug])


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person with an account. Logs in with an email address; the profile lives here too."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    city = models.ForeignKey(
        "places.City",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="residents",
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    themes = models.ManyToManyField(
        "taxonomy.Theme", verbose_name=_("expertise themes"), blank=True, related_name="experts"
    )
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_visible = models.BooleanField(
        _("show my contact details to other members"), default=False
    )
    ui_language = models.CharField(
        _("interface language"), max_length=10, blank=True, choices=settings.LANGUAGES
    )
    is_editor = models.BooleanField(_("editor"), default=False)
    is_trainer = models.BooleanField(_("trainer"), default=False)
    is_demo = models.BooleanField(_("demo account"), default=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        ordering = ["name", "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.email.split("@")[0]

    def get_absolute_url(self) -> str:
        return reverse("accounts:member", args=[self.pk])

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return str(self)

    @property
    def language_names(self) -> list[str]:
        names = dict(language_choices())
        return [names.get(code, code) for code in self.languages]


class CityTeamMembership(models.Model):
    """Membership of a city's team: runs that city's assessments and sees its raw data."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="city_teams"
    )
    city = models.ForeignKey("places.City", on_delete=models.CASCADE, related_name="team")
    is_lead = models.BooleanField(_("team lead"), default=False)
    since = models.DateField(_("since"), default=timezone.localdate)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "city"], name="one_membership_per_city")
        ]
        verbose_name = _("city team membership")
        verbose_name_plural = _("city team memberships")

    def __str__(self) -> str:
        return f"{self.user} — {self.city}"


def _hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def find(self, key: str) -> "ApiToken | None":
        return self.filter(key_hash=_hash_token(key), user__is_active=True).first()


class ApiToken(models.Model):
    """A personal API token. Only its hash is stored; the key is shown once at creation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    label = models.CharField(_("label"), max_length=80)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.label} ({self.prefix}…)"

    @classmethod
    def issue(cls, user: User, label: str) -> tuple["ApiToken", str]:
        key = "sch_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, label=label, key_hash=_hash_token(key), prefix=key[4:12]
        )
        return token, key


from safercities.accounts.models_roles import (  # noqa: E402
    Invitation,
    OrganisationMembership,
    RequestableRole,
    RoleRequest,
)

__all__ = [
    "ApiToken",
    "CityTeamMembership",
    "Invitation",
    "Organisation",
    "OrganisationMembership",
    "RequestableRole",
    "RoleRequest",
    "User",
]
