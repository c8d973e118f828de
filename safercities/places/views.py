from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

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
        request,
        "places/city_detail.html",
        {"city": city, "sections": city_sections(request, city)},
    )
