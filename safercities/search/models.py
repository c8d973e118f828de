"""The search index tables.

- ``IndexedDocument`` (``search_document``): one row per findable object — what a result shows
  (title, url, language, snippet text) and its facets in readable form.
- ``IndexEntry`` (``search_entry``): the compact row the search reads for every match — the
  recency prior and, in database-specific columns added by the migration, the facet codes
  (``codes``: a little-endian int32 blob on SQLite, ``int4[]`` on PostgreSQL) and on PostgreSQL
  the ``tsv`` tsvector (GIN-indexed, stored out of line so the heap stays small).
- ``FacetCode`` (``search_facetcode``): the small integer code of each facet value.
- On SQLite the text lives in the FTS5 virtual table ``search_fts`` (rowid = document id).

The vendor columns are written only by :mod:`safercities.search.backends`. A later migration
that alters ``IndexEntry`` on SQLite rebuilds the table without them: add them again in that
migration (see ``0001_initial``) and run ``manage.py rebuild_search_index``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexedDocument(models.Model):
    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.BigIntegerField(_("object id"))
    ref = models.CharField(_("reference"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("text shown in snippets"), blank=True)
    language = models.CharField(_("language"), max_length=15, blank=True)
    url = models.CharField(_("address"), max_length=500)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    type = models.CharField(_("type"), max_length=40, blank=True)
    year = models.SmallIntegerField(_("year"), null=True, blank=True)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    cities = models.JSONField(_("cities"), default=list, blank=True)
    flags = models.JSONField(_("flags"), default=list, blank=True)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        db_table = "search_document"
        indexes = [models.Index(fields=["indexed_at"], name="search_document_indexed_at")]
        verbose_name = _("indexed document")
        verbose_name_plural = _("indexed documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"


class IndexEntry(models.Model):
    document = models.OneToOneField(
        IndexedDocument,
        verbose_name=_("document"),
        primary_key=True,
        db_column="id",
        on_delete=models.CASCADE,
        related_name="entry",
    )
    prior = models.BigIntegerField(_("publication time (seconds since 1970)"), default=0)

    class Meta:
        db_table = "search_entry"
        verbose_name = _("index entry")
        verbose_name_plural = _("index entries")

    def __str__(self) -> str:
        return str(self.pk)


class FacetCode(models.Model):
    """A facet value (``theme`` = ``street-lighting``) and its small integer code."""

    facet = models.CharField(_("facet"), max_length=12)
    value = models.CharField(_("value"), max_length=80)

    class Meta:
        db_table = "search_facetcode"
        verbose_name = _("facet value")
        verbose_name_plural = _("facet values")
        constraints = [
            models.UniqueConstraint(fields=["facet", "value"], name="search_facetcode_unique")
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class IndexState(models.Model):
    """One row: a random token replaced by every change to the index.

    Each process keeps a numpy mirror of ``search_entry`` for facet counts
    (:mod:`safercities.search.mirror`); a different token tells it to reload.
    """

    token = models.BigIntegerField(_("version token"), default=0)

    class Meta:
        db_table = "search_state"
        verbose_name = _("index state")
        verbose_name_plural = _("index states")

    def __str__(self) -> str:
        return str(self.token)


class RankingTerm(models.Model):
    """One frequent token and its impact-ordered postings, kept for ranking (see
    :mod:`safercities.search.ranking`): the best-scoring documents first, in blocks of
    ``ranking.BLOCK``; each block's best score bounds every posting after it."""

    term = models.CharField(_("token"), max_length=200, unique=True)
    df = models.IntegerField(_("documents containing it"))
    stored = models.IntegerField(_("postings stored"))
    floor = models.FloatField(_("lowest stored score"), default=0.0)

    class Meta:
        db_table = "search_rankterm"
        verbose_name = _("ranking token")
        verbose_name_plural = _("ranking tokens")

    def __str__(self) -> str:
        return self.term


class RankingBlock(models.Model):
    term = models.ForeignKey(
        RankingTerm, verbose_name=_("token"), on_delete=models.CASCADE, related_name="blocks"
    )
    number = models.SmallIntegerField(_("block number"))
    top = models.FloatField(_("best score in the block"))
    ids = models.BinaryField(_("document ids (int64)"))
    scores = models.BinaryField(_("scores (float64), best first"))

    class Meta:
        db_table = "search_rankblock"
        verbose_name = _("ranking block")
        verbose_name_plural = _("ranking blocks")
        constraints = [
            models.UniqueConstraint(fields=["term", "number"], name="search_rankblock_unique")
        ]

    def __str__(self) -> str:
        return f"{self.term_id}#{self.number}"


class RankingState(models.Model):
    """One row: when the ranking blocks were built and up to which document id. Documents
    indexed after ``built_at`` are scored directly (they are not in the blocks yet)."""

    built_at = models.DateTimeField(_("built at"), null=True, blank=True)
    max_id = models.BigIntegerField(_("highest document id at build time"), default=0)
    documents = models.IntegerField(_("documents at build time"), default=0)

    class Meta:
        db_table = "search_rankstate"
        verbose_name = _("ranking state")
        verbose_name_plural = _("ranking states")

    def __str__(self) -> str:
        return str(self.built_at)
