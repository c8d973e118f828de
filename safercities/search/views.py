"""The search page: ``/search/?q=…&type=…&theme=…&language=…&country=…&year_from=…``."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from safercities.core.languages import CONTENT_LANGUAGES
from safercities.places.models import City
from safercities.search import documents
from safercities.search.engine import search
from safercities.search.labels import facet_labels, kind_label, vocabulary
from safercities.search.params import MAX_PAGE, SearchRequest, parse

SHOWN_FACETS = [
    ("kind", _("Kind")),
    ("type", _("Type")),
    ("theme", _("Theme")),
    ("language", _("Language")),
    ("country", _("Country")),
]
TOP_VALUES = 12


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


def _selected(req: SearchRequest, facet: str) -> tuple[str, ...]:
    return {
        "kind": req.kinds,
        "type": req.types,
        "theme": req.themes,
        "language": req.languages,
        "country": req.countries,
    }[facet]


def _facet_groups(req: SearchRequest, facets: dict[str, dict[str, int]]):
    labels = facet_labels(facets)
    groups = []
    for facet, title in SHOWN_FACETS:
        counts = facets.get(facet, {})
        selected = _selected(req, facet)
        values = [
            FacetValue(value, labels.get(facet, {}).get(value, value), count, value in selected)
            for value, count in counts.items()
        ]
        shown = [v for v in values if v.selected] + [v for v in values if not v.selected]
        shown = shown[: max(TOP_VALUES, len(selected))]
        shown += [FacetValue(v, v, 0, True) for v in selected if v not in counts]
        if shown:
            groups.append({"name": facet, "title": title, "values": shown})
    return groups


def _years(facets: dict[str, dict[str, int]]) -> tuple[int | None, int | None]:
    years = [int(y) for y in facets.get("year", {})]
    return (min(years), max(years)) if years else (None, None)


def _city_choices(request: HttpRequest):
    cities = City.objects.filter(is_pilot=True)
    user_city = getattr(request.user, "city_id", None)
    if user_city:
        cities = cities | City.objects.filter(pk=user_city)
    return cities.order_by("name").values_list("slug", "name")


def _source_filters(req: SearchRequest, facets: dict[str, dict[str, int]]):
    """The registered sources' own filters: their flags and their "for my city" choice."""
    counts = facets.get("flag", {})
    groups, city_shown = [], False
    for source in documents.sources():
        flags = [
            FacetValue(flag.name, str(flag.label), counts.get(flag.name, 0), flag.name in req.flags)
            for flag in source.flags
        ]
        city_label = ""
        if source.city_ranking and not city_shown:
            city_label, city_shown = str(source.city_ranking_label or source.label), True
        if flags or city_label:
            title = str(source.plural_label or source.label or source.kind)
            groups.append({"title": title, "flags": flags, "city_label": city_label})
    return groups


def search_page(request: HttpRequest) -> HttpResponse:
    req, errors = parse(dict(request.GET.lists()), vocabulary())
    results = search(req)
    for hit in results.hits:
        hit.kind_label = kind_label(hit.kind)
        hit.language_name = CONTENT_LANGUAGES.get(hit.language, hit.language)
    paginator = Paginator(range(min(results.count, MAX_PAGE * req.per_page)), req.per_page)
    page = paginator.page(req.page) if req.page <= paginator.num_pages else None
    year_min, year_max = _years(results.facets)
    context = {
        "req": req,
        "errors": errors,
        "results": results,
        "page": page,
        "beyond_last_page": results.count and page is None,
        "max_page": MAX_PAGE,
        "facet_groups": _facet_groups(req, results.facets),
        "year_min": year_min,
        "year_max": year_max,
        "source_filters": _source_filters(req, results.facets),
        "city_choices": _city_choices(request),
        "city_name": City.objects.filter(slug=req.city).values_list("name", flat=True).first()
        if req.city
        else "",
    }
    template = "search/search.html"
    if getattr(request, "htmx", False) and not request.htmx.boosted:
        template += "#panel"
    return render(request, template, context)
