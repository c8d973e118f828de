"""``GET /api/v1/search``: one search over every registered source, with facet counts."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from safercities.api.base import FieldError
from safercities.search.engine import search
from safercities.search.labels import kind_label, vocabulary
from safercities.search.params import MAX_PAGE, YEAR_MAX, YEAR_MIN, parse

router = Router(tags=["search"])


class SearchParams(Schema):
    q: str = Field("", description="Words to search for, in any language. Empty: browse all.")
    type: str = Field("", description="Resource type(s), comma-separated, or `practice`.")
    theme: str = Field("", description="Theme slug(s), comma-separated.")
    language: str = Field("", description="Content language code(s) (BCP-47), comma-separated.")
    country: str = Field("", description="ISO 3166-1 alpha-2 code(s), comma-separated.")
    kind: str = Field(
        "", description="Kind(s) of content (`resource`, `practice`…), comma-separated."
    )
    year_from: str = Field("", description=f"First year ({YEAR_MIN}–{YEAR_MAX}).")
    year_to: str = Field("", description=f"Last year ({YEAR_MIN}–{YEAR_MAX}).")
    flag: str = Field(
        "",
        description="Flag(s) every hit must carry, comma-separated (e.g. `replicable`: practices"
        " reviewed as replicable). A flag may also be given as its own parameter: `replicable=1`.",
    )
    city: str = Field(
        "", description="City slug: only kinds with a city ranking (practices), by fit."
    )
    sort: str = Field("relevance", description="`relevance` (default) or `date`.")
    page: str = Field("1", description=f"Page number, 1–{MAX_PAGE}; 20 results a page.")


class SearchHitOut(Schema):
    kind: str = Field(description="Kind of content (`resource`, `practice`…).")
    kind_label: str = Field(description="The kind's name in the request's language.")
    id: int = Field(description="Id of the object within its kind.")
    ref: str
    title: str
    language: str
    url: str
    snippet: str = Field(description="HTML: escaped text, matching words in `<mark>`.")
    score: float = Field(description="Relevance (higher is better); 0 when sorted by date.")


class SearchOut(Schema):
    count: int
    results: list[SearchHitOut]
    facets: dict[str, dict[str, int]] = Field(
        description="Counts over every match: type, theme, language, country, year, kind…"
    )
    message: str | None = Field(None, description="Why there are no results, when known.")


@router.get(
    "/search",
    response=SearchOut,
    summary="Search resources and practices",
    description=(
        "Every parameter is optional. Invalid values (a year that is not a number or is out of "
        "range, `year_from` after `year_to`, an unknown type, theme, language or country, a page "
        "out of range) answer 400 naming the field."
    ),
)
def search_endpoint(request: HttpRequest, params: Query[SearchParams]):
    data = dict(request.GET.lists())
    req, errors = parse(data, vocabulary())
    if errors:
        field, message = next(iter(errors.items()))
        raise FieldError(field, message)
    results = search(req)
    message = None
    if results.no_terms:
        message = "The query has no searchable words (type at least one word)."
    elif not results.count:
        message = "No results."
    return {
        "count": results.count,
        "results": [
            {
                "kind": hit.kind,
                "kind_label": kind_label(hit.kind),
                "id": hit.object_id,
                "ref": hit.ref,
                "title": hit.title,
                "language": hit.language,
                "url": request.build_absolute_uri(hit.url),
                "snippet": hit.snippet_html,
                "score": hit.score,
            }
            for hit in results.hits
        ],
        "facets": results.facets,
        "message": message,
    }
