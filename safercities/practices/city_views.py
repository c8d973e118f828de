"""Practices for a city: the ranked page and the city's concerns."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from safercities.places.models import City
from safercities.practices import permissions, services
from safercities.practices.city_matching import city_concerns, practices_for_city
from safercities.practices.forms import CityConcernsForm
from safercities.practices.matching import MAX_SCORE
from safercities.practices.models import CityProfile


def _city(slug: str) -> City:
    return get_object_or_404(City.objects.select_related("country"), slug=slug)


def practices_for_city_page(request: HttpRequest, slug: str) -> HttpResponse:
    city = _city(slug)
    concerns = city_concerns(city)
    matches = practices_for_city(city, concerns=concerns)
    return render(
        request,
        "practices/for_city.html",
        {
            "city": city,
            "concerns": concerns,
            "matches": matches,
            "max_score": MAX_SCORE,
            "can_edit_concerns": permissions.can_edit_city_concerns(request.user, city),
        },
    )


@login_required
def edit_city_concerns(request: HttpRequest, slug: str) -> HttpResponse:
    city = _city(slug)
    permissions.check_can_edit_city_concerns(request.user, city)
    profile = CityProfile.objects.filter(city=city).first() or CityProfile(city=city)
    form = CityConcernsForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.update_city_concerns(request.user, form)
        messages.success(request, _("The city's concerns have been saved."))
        return redirect("practices:for_city", slug=city.slug)
    return render(request, "practices/city_concerns.html", {"city": city, "form": form})
