"""Tools of the toolkit and their numbered versions (generic or adapted for a city).

A :class:`Tool` is one of the generic instruments (women's safety audit, victimization survey,
incident report). A :class:`ToolVersion` stores a full instrument definition
(``Instrument.to_dict()``): the generic versions (``city`` is null) and the versions a city
team derived for its city (translations, added, removed or reworded questions, with reasons).

Life of a version: draft (``published=False``, editable) → published (usable by assessments,
no longer edited: derive a new version instead) → locked (``locked=True``, set by
:func:`safercities.toolkit.services.lock_version` when an assessment uses it; any later
``save()`` or ``delete()`` raises :class:`VersionLocked`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

from safercities.instruments.model import Instrument
from safercities.toolkit.enums import ToolKind

#: ``order_by(GENERIC_FIRST, "number")``: generic versions, then cities by name (NULLs sort
#: last on PostgreSQL and first on SQLite unless told).
GENERIC_FIRST = models.F("city__name").asc(nulls_first=True)


class VersionLocked(Exception):
    """A locked tool version (used by an assessment) cannot be changed or deleted."""


def reader_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).lower()


class ToolQuerySet(models.QuerySet):
    def kind(self, kind: str) -> ToolQuerySet:
        return self.filter(kind=kind)


class Tool(models.Model):
    """A field tool; its title, description and guidance come from its generic version."""

    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    kind = models.CharField(_("kind of tool"), max_length=30, choices=ToolKind.choices)
    resources = models.ManyToManyField(
        "library.Resource",
        verbose_name=_("linked library resources"),
        blank=True,
        related_name="tools",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ToolQuerySet.as_manager()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("tool")
        verbose_name_plural = _("tools")

    def __str__(self) -> str:
        return self.title_for("en") or self.slug

    def get_absolute_url(self) -> str:
        return reverse("toolkit:tool", args=[self.slug])

    def generic_version(self) -> ToolVersion | None:
        """The latest published generic version (cached on the instance)."""
        if "_generic_version" not in self.__dict__:
            self.__dict__["_generic_version"] = (
                self.versions.generic().published().order_by("-number").first()
            )
        return self.__dict__["_generic_version"]

    def _text(self, attr: str, lang: str | None) -> str:
        version = self.generic_version()
        if version is None:
            return ""
        return getattr(version.instrument(), f"{attr}_for")(lang or reader_language())

    def title_for(self, lang: str | None = None) -> str:
        return self._text("title", lang)

    def description_for(self, lang: str | None = None) -> str:
        return self._text("description", lang)

    def guidance_for(self, lang: str | None = None) -> str:
        return self._text("guidance", lang)

    @property
    def title(self) -> str:
        """Title in the active (reader's) language."""
        return self.title_for()

    @property
    def description(self) -> str:
        return self.description_for()

    @property
    def guidance(self) -> str:
        return self.guidance_for()


class ToolVersionQuerySet(models.QuerySet):
    def published(self) -> ToolVersionQuerySet:
        return self.filter(published=True)

    def drafts(self) -> ToolVersionQuerySet:
        return self.filter(published=False)

    def generic(self, slug: str | None = None) -> Any:
        """Without ``slug``: the generic versions (a QuerySet). With ``slug``: the latest
        published generic version of that tool (raises ``ToolVersion.DoesNotExist``)."""
        generic = self.filter(city__isnull=True)
        if slug is None:
            return generic
        version = generic.filter(tool__slug=slug, published=True).order_by("-number").first()
        if version is None:
            raise ToolVersion.DoesNotExist(f"No published generic version of tool {slug!r}.")
        return version

    def for_city(self, city: Any) -> ToolVersionQuerySet:
        """The versions a city team made for ``city`` (drafts included; add ``.published()``)."""
        return self.filter(city=city)

    def usable_in(self, city: Any) -> ToolVersionQuerySet:
        """Published versions an assessment in ``city`` may use: generic ones and the city's."""
        return self.filter(Q(city__isnull=True) | Q(city=city), published=True)


class ToolVersion(models.Model):
    tool = models.ForeignKey(
        Tool, verbose_name=_("tool"), on_delete=models.CASCADE, related_name="versions"
    )
    city = models.ForeignKey(
        "places.City",
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tool_versions",
        help_text=_("Empty for the generic tool."),
    )
    number = models.PositiveIntegerField(_("version number"))
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derived_versions",
    )
    definition = models.JSONField(_("instrument definition"))
    languages = models.JSONField(_("languages"), default=list)
    change_reasons = models.JSONField(_("reasons for changes"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    locked = models.BooleanField(
        _("locked"), default=False, help_text=_("Used by an assessment: can no longer change.")
    )

    objects = ToolVersionQuerySet.as_manager()

    class Meta:
        ordering = ["tool__order", "tool__slug", "city__name", "number"]
        verbose_name = _("tool version")
        verbose_name_plural = _("tool versions")
        constraints = [
            models.UniqueConstraint(
                fields=["tool", "city", "number"], name="toolkit_version_unique_number"
            ),
            models.UniqueConstraint(
                fields=["tool", "number"],
                condition=Q(city__isnull=True),
                name="toolkit_generic_version_unique_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tool.slug} {self.label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._stored_locked():
            raise VersionLocked(f"{self} is locked (used by an assessment) and cannot change.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("toolkit:version", args=[self.tool.slug, self.pk])

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self._stored_locked():
            raise VersionLocked(f"{self} is locked (used by an assessment) and cannot be deleted.")
        return super().delete(*args, **kwargs)

    def _stored_locked(self) -> bool:
        if self.pk is None:
            return False
        return type(self).objects.filter(pk=self.pk, locked=True).exists()

    @property
    def is_generic(self) -> bool:
        return self.city_id is None

    @property
    def label(self) -> str:
        """``Bangkok v2`` / ``Generic v1`` (translated)."""
        place = self.city.name if self.city_id else pgettext("tool version", "Generic")
        return pgettext("tool version label", "%(place)s v%(number)s") % {
            "place": place,
            "number": self.number,
        }

    @property
    def form_id(self) -> str:
        """The XLSForm ``form_id``: the tool's slug, plus the city's for a city version, so
        that KoboToolbox or ODK Central keep generic and city forms apart."""
        return f"{self.tool.slug}-{self.city.slug}" if self.city_id else self.tool.slug

    def export_instrument(self) -> Instrument:
        """A copy of the instrument to export (``slug`` set to :attr:`form_id`)."""
        instrument = Instrument.from_dict(self.definition)
        instrument.slug = self.form_id
        return instrument

    def generic_base(self) -> ToolVersion:
        """The generic version this version descends from (itself when generic)."""
        version, seen = self, set()
        while version.city_id is not None and version.based_on_id and version.pk not in seen:
            seen.add(version.pk)
            version = version.based_on
        if version.city_id is not None:
            generic = self.tool.generic_version()
            if generic is None:
                raise ToolVersion.DoesNotExist(f"{self.tool.slug} has no generic version.")
            return generic
        return version

    @property
    def is_draft(self) -> bool:
        return not self.published

    @property
    def is_editable(self) -> bool:
        return not (self.published or self.locked or self.is_generic)

    def instrument(self) -> Instrument:
        """The stored definition as an :class:`Instrument` (cached; do not mutate it —
        use ``Instrument.from_dict(version.definition)`` for a copy to change)."""
        cached = self.__dict__.get("_instrument")
        if cached is None or cached[0] is not self.definition:
            cached = (self.definition, Instrument.from_dict(self.definition))
            self.__dict__["_instrument"] = cached
        return cached[1]
