"""Search over the Hub's content (resources, practices; discussions later).

- :mod:`.analyzer` / :mod:`.segment`: text → tokens, the same at index and query time.
- :mod:`.documents`: what apps register (``SearchSource``) and hand over (``SearchDocument``).
- :mod:`.index`: ``reindex_object(s)``, ``remove_document``, ``rebuild_index``, the bulk path.
- :mod:`.backends`: the database-specific part (FTS5 on SQLite, tsvector + GIN on PostgreSQL).
- :mod:`.facetindex` / :mod:`.mirror`: exact facet counts and date order in numpy, from a
  per-process mirror of ``search_entry`` reloaded when the index changes.
- :mod:`.engine`: ``search(SearchRequest)`` — used by the page (:mod:`.views`), the API
  (:mod:`.api`) and ``bench/search.py``.
"""
