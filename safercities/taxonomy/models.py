from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from safercities.taxonomy.seed import SEEDED_THEME_NAMES


class Theme(models.Model):
    """A theme of the controlled taxonomy (``womens-safety``, ``street-lighting``…).

    Seeded themes are named through the translation catalogs; themes added later by
    editors carry their names per language in ``name_translations``.
    """

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name in English"), max_length=120)
    name_translations = models.JSONField(
        _("names in other languages"),
        default=dict,
        blank=True,
        help_text=_('For example {"th": "…", "vi": "…"}.'),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        language = get_language() or "en"
        if language in self.name_translations:
            return self.name_translations[language]
        seeded = SEEDED_THEME_NAMES.get(self.slug)
        return str(seeded) if seeded is not None else self.name
