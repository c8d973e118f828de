"""Query texts that must never break search (shared by the page and API tests)."""

HOSTILE_QUERIES = [
    '"unbalanced quote',
    'lighting" OR "x',
    "lighting AND OR NOT",
    "NEAR(lighting water, 2)",
    "light*",
    "*",
    "^lighting -water +markets",
    "{title}: lighting",
    "title:lighting",
    "_c1 c1 0x2ro",
    "'; DROP TABLE search_document; --",
    "1 OR 1=1",
    "lighting & | ! ( ) <-> :*",
    "\\ % _ ' \"",
    "lighting " * 700,
    "x" * 5000,
    "9" * 5000,
    "🚨💡 lighting 👩\u200d👩\u200d👧",
    "\u0301\u0301 \u200b\u200d",
    "مرحبا بالعالم",
    "   ",
]

#: Text holding U+0000 is refused before any view runs (400 naming the field; see
#: safercities.core.middleware.RefuseNulMiddleware), for search as for every other input.
NUL_QUERIES = ["light\x00ing", "\x00"]
