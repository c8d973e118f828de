"""One search over the Hub's content. The engine knows no content type: apps register sources.

Registration contract (for every content app)
---------------------------------------------
In ``AppConfig.ready()`` an app calls
``safercities.search.documents.register_source(SearchSource(...))`` with:

- ``kind``: a unique name (``[a-z_]{1,20}``: "resource", "practice", "thread"…); it is the
  ``kind`` facet value, the ``kind=`` filter and ``IndexedDocument.kind``.
- ``model`` and ``searchable()``: the model, and a QuerySet of the objects anyone may find
  (published, public). Nothing outside ``searchable()`` is ever indexed.
- ``to_document(obj) -> SearchDocument``: title, text (no contact details or private data),
  BCP-47 ``language``, ``url``, ``published_at`` (freshness breaks ties only), and facets:
  ``type`` (one of the source's ``type_labels``), ``themes``, ``countries``, ``cities``,
  ``year``, ``flags``.
- ``label`` / ``plural_label``: translatable names of the kind (shown on each hit, in the kind
  facet and as the heading of the source's own filters).
- ``type_labels()``: ``{type value: translatable name}`` for the ``type`` facet.
- ``flags``: ``SearchFlag(name, label, boost)`` — a yes/no mark ("replicable") a document
  carries by listing its name in ``SearchDocument.flags``: a checkbox (``flag=<name>`` or
  ``<name>=1``), a facet count, and a mild multiplicative ranking boost.
- ``city_ranking(slug) -> {object_id: fit} | None`` and ``city_ranking_label``: a special
  ranking "for my city"; a search with ``city=<slug>`` keeps only the kinds that have one and
  orders them by fit.

The app then calls ``safercities.search.index.reindex_object(obj)`` (or ``reindex_objects``)
after every change that alters what is searchable, inside its own transaction; ``manage.py
rebuild_search_index`` rebuilds everything from the sources. ``safercities/search`` never
imports a content app (``tests/test_layering.py`` parses every import, ``import_module``
strings included).

Modules
-------
- :mod:`.analyzer` / :mod:`.segment`: text → tokens, the same at index and query time.
- :mod:`.documents`: the source registry (``SearchSource``, ``SearchFlag``, ``SearchDocument``).
- :mod:`.index`: ``reindex_object(s)``, ``remove_document``, ``rebuild_index``, the bulk path.
- :mod:`.backends`: the database-specific part (FTS5 on SQLite, tsvector + GIN on PostgreSQL).
- :mod:`.facetindex` / :mod:`.mirror`: exact facet counts and date order in numpy, from a
  per-process mirror of ``search_entry`` reloaded when the index changes.
- :mod:`.labels`: filter vocabulary and facet value names (from the sources and shared apps).
- :mod:`.engine`: ``search(SearchRequest)`` — used by the page (:mod:`.views`), the API
  (:mod:`.api`) and ``bench/search.py``.
"""
