from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from safercities.places.models import City, Country, District, InformalSettlement
from safercities.places.sections import city_sections


def country_list(request: HttpRequest) -> HttpResponse:
    countries = Country.objects.asia_pacific().annotate(city_count=Count("cities")).order_by("name")
    pilots = City.objects.pilots().select_related("country")
    return render(request, "places/country_list.html", {"countries": countries, "pilots": pilots})


def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    country = get_object_or_404(Country, code=code.upper())
    cities = country.cities.annotate(settlement_count=Count("settlements"))
    return render(request, "places/country_detail.html", {"country": country, "cities": cities})


def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(
        City.objects.select_related("country").prefetch_related(
            Prefetch("districts", queryset=District.objects.order_by("name")),
            Prefetch(
                "settlements",
                queryset=InformalSettlement.objects.select_related("district").order_by("name"),
            ),
        ),
        slug=slug,
    )
    return render(
        request, "places/city_detail.html", {"city": city, "sections": _sections(request, city)}
    )


def _sections(request: HttpRequest, city: City) -> str:
    """The features' sections as HTML; the same for every visitor, so kept briefly for them.

    Visitors (not signed in) share one copy per city and language for
    ``CITY_SECTIONS_CACHE_SECONDS`` (60 s): the page then costs a few queries instead of one
    or more per feature. Signed-in people always get fresh sections (they may see more).
    """
    seconds = getattr(settings, "CITY_SECTIONS_CACHE_SECONDS", 0)
    if not seconds or request.user.is_authenticated:
        return _render_sections(request, city)
    key = f"city-sections:{city.pk}:{get_language()}"
    html = cache.get(key)
    if html is None:
        html = _render_sections(request, city)
        cache.set(key, html, seconds)
    return mark_safe(html)  # noqa: S308 - rendered by our own templates just above


def _render_sections(request: HttpRequest, city: City) -> str:
    return render_to_string(
        "places/city_sections.html", {"sections": city_sections(request, city)}, request=request
    )
