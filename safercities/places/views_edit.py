"""Site admins and editors add and edit cities in pages (no /admin needed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from safercities.accounts import permissions
from safercities.core.audit import record
from safercities.places.forms import CityForm
from safercities.places.models import City


@login_required
def city_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    city = get_object_or_404(City, slug=slug) if slug else None
    permissions.check_editor(request.user)
    form = CityForm(request.POST or None, instance=city)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            action = "city.updated" if city else "city.created"
            record(request.user, action, saved, fields=sorted(form.changed_data))
        messages.success(request, _("The city has been saved."))
        return redirect(saved.get_absolute_url())
    return render(request, "places/city_form.html", {"form": form, "city": city})


def _tiles() -> dict:
    from django.conf import settings

    return {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}


def _place_edit(request: HttpRequest, slug: str, pk: int | None, model, form_class, kind: str):
    city = get_object_or_404(City.objects.select_related("country"), slug=slug)
    place = get_object_or_404(model, pk=pk, city=city) if pk else None
    permissions.check_editor(request.user)
    form = form_class(request.POST or None, request.FILES or None, instance=place, city=city)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            action = f"{kind}.updated" if place else f"{kind}.created"
            record(request.user, action, saved, fields=sorted(form.changed_data))
        messages.success(request, _("Saved: %(name)s.") % {"name": saved.name})
        return redirect(city.get_absolute_url())
    return render(
        request,
        "places/place_form.html",
        {"form": form, "city": city, "place": place, "kind": kind, "tiles": _tiles()},
    )


@login_required
def district_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    from safercities.places.forms import DistrictForm
    from safercities.places.models import District

    return _place_edit(request, slug, pk, District, DistrictForm, "district")


@login_required
def settlement_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    from safercities.places.forms import SettlementForm
    from safercities.places.models import InformalSettlement

    return _place_edit(request, slug, pk, InformalSettlement, SettlementForm, "settlement")
