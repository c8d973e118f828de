import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from safercities.core.languages import CONTENT_LANGUAGES, language_choices
from safercities.library.enums import (
    EDITABLE_STATUSES,
    PRIVATE_STATUSES,
    Audience,
    ResourceStatus,
    ResourceType,
)
from safercities.library.markup import render_markdown


def resource_file_path(instance: "Resource", filename: str) -> str:
    """Stored under a random name: the uploader's file name never reaches the disk."""
    extension = PurePosixPath(filename).suffix.lower()[:6]
    return f"library/{uuid.uuid4().hex}{extension}"


class ResourceQuerySet(models.QuerySet):
    def published(self) -> "ResourceQuerySet":
        return self.filter(status=ResourceStatus.PUBLISHED)

    def public(self) -> "ResourceQuerySet":
        """What anyone may open by its address: published and archived resources."""
        return self.filter(status__in=[ResourceStatus.PUBLISHED, ResourceStatus.ARCHIVED])

    def awaiting_review(self) -> "ResourceQuerySet":
        return self.filter(status=ResourceStatus.SUBMITTED)

    def submitted_by(self, user) -> "ResourceQuerySet":
        return self.filter(submitter=user) if user.is_authenticated else self.none()

    def newest_first(self) -> "ResourceQuerySet":
        return self.order_by("-published_at", "-id")

    def with_facets(self) -> "ResourceQuerySet":
        return self.prefetch_related("themes", "countries", "cities")


class Resource(models.Model):
    """One item of the Resource Facility: a guide, tool, case study, report…"""

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Markdown: **bold**, *italic*, lists, links, ## headings."),
    )
    body_html = models.TextField(editable=False, blank=True)
    language = models.CharField(_("language"), max_length=15, choices=language_choices())
    resource_type = models.CharField(_("type"), max_length=20, choices=ResourceType.choices)
    themes = models.ManyToManyField(
        "taxonomy.Theme", verbose_name=_("themes"), blank=True, related_name="resources"
    )
    countries = models.ManyToManyField(
        "places.Country", verbose_name=_("countries"), blank=True, related_name="resources"
    )
    cities = models.ManyToManyField(
        "places.City", verbose_name=_("cities"), blank=True, related_name="resources"
    )
    audience = models.JSONField(_("audience"), default=list, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    authors = models.CharField(_("authors"), max_length=300, blank=True)
    licence = models.CharField(_("licence"), max_length=120, blank=True)
    source_url = models.URLField(_("source address (URL)"), max_length=500, blank=True)
    ref = models.CharField(
        _("external reference"),
        max_length=100,
        blank=True,
        help_text=_("An identifier from another system, used by imports."),
    )
    file = models.FileField(_("attached file"), upload_to=resource_file_path, blank=True)
    file_type = models.CharField(max_length=100, blank=True, editable=False)
    file_size = models.PositiveIntegerField(default=0, editable=False)
    translation_group = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ResourceStatus.choices,
        default=ResourceStatus.DRAFT,
        db_index=True,
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="library_resources",
    )
    editor_comment = models.TextField(_("comment from the editors"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    download_count = models.PositiveIntegerField(_("downloads"), default=0)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.UniqueConstraint(
                fields=["ref"], condition=~Q(ref=""), name="library_resource_unique_ref"
            )
        ]
        indexes = [models.Index(fields=["status", "-published_at"], name="library_res_pub_idx")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body_html = render_markdown(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("library:detail", args=[self.pk])

    def get_download_url(self) -> str:
        return reverse("library:download", args=[self.pk])

    @property
    def language_name(self) -> str:
        return CONTENT_LANGUAGES.get(self.language, self.language)

    @property
    def is_published(self) -> bool:
        return self.status == ResourceStatus.PUBLISHED

    @property
    def is_private(self) -> bool:
        return self.status in PRIVATE_STATUSES

    @property
    def is_editable_by_author(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [str(labels[value]) for value in self.audience if value in labels]

    @property
    def file_type_label(self) -> str:
        from safercities.library.files import KINDS

        kind = KINDS.get(self.file_type)
        return kind.label if kind else gettext("file")

    @property
    def download_name(self) -> str:
        """A safe file name for downloads: the title's letters and digits plus the real type."""
        from safercities.core.filenames import safe_stem

        stem = safe_stem(self.title, fallback=f"resource-{self.pk}")
        extension = PurePosixPath(self.file.name).suffix if self.file else ""
        return f"{stem}{extension}"

    def translations(self) -> "ResourceQuerySet":
        """The same resource in other languages that anyone may read."""
        return (
            Resource.objects.published()
            .filter(translation_group=self.translation_group)
            .exclude(pk=self.pk)
            .order_by("language")
        )


class CollectionQuerySet(models.QuerySet):
    def published(self) -> "CollectionQuerySet":
        return self.filter(is_published=True)


class Collection(models.Model):
    """An editor's ordered selection of resources ("Starter kit: women's safety audits")."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    resources = models.ManyToManyField(
        Resource, through="CollectionItem", related_name="collections", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CollectionQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:collection", args=[self.slug])

    def published_resources(self) -> ResourceQuerySet:
        return (
            Resource.objects.published()
            .filter(collection_items__collection=self)
            .order_by("collection_items__position", "collection_items__id")
        )


class CollectionItem(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="collection_items"
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "resource"], name="library_collection_item_once"
            )
        ]
        verbose_name = _("collection item")
        verbose_name_plural = _("collection items")

    def __str__(self) -> str:
        return f"{self.collection} #{self.position}: {self.resource}"


def _import_storage():
    from safercities.library.files import private_import_storage

    return private_import_storage


class ResourceImport(models.Model):
    """One bulk import of resources uploaded from the import page, and how it went."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        CHECKING = "checking", _("Checking the rows")
        WRITING = "writing", _("Saving the resources")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Nothing imported")

    file = models.FileField(storage=_import_storage, upload_to="resource-imports/", max_length=250)
    original_name = models.CharField(_("file name"), max_length=200)
    publish = models.BooleanField(_("publish the imported resources"), default=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_checked = models.PositiveIntegerField(default=0)
    rows_written = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    published_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("resource import")
        verbose_name_plural = _("resource imports")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("library:import_job", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.CHECKING, self.Status.WRITING)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        total = max(self.rows_total, 1)
        done = self.rows_written if self.status == self.Status.WRITING else self.rows_checked
        share = done / total
        return int((50 + 50 * share) if self.status == self.Status.WRITING else 50 * share)
