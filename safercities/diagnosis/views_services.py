"""Local support services a city team lists for people who report incidents."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from safercities.accounts.permissions import is_city_team_member
from safercities.diagnosis import permissions
from safercities.diagnosis.forms import SupportServiceForm
from safercities.diagnosis.models import SupportService
from safercities.diagnosis.services import delete_support_service, save_support_service
from safercities.places.models import City


@require_safe
def service_list(request: HttpRequest, city_slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=city_slug)
    context = {
        "city": city,
        "services": SupportService.objects.filter(city=city),
        "can_manage": is_city_team_member(request.user, city),
    }
    return render(request, "diagnosis/service_list.html", context)


@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, city_slug: str, pk: int | None = None) -> HttpResponse:
    city = get_object_or_404(City, slug=city_slug)
    permissions.check_can_manage_services(request.user, city)
    service = get_object_or_404(SupportService, city=city, pk=pk) if pk else None
    instance = service or SupportService(city=city)
    form = SupportServiceForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        save_support_service(request.user, form.instance)
        messages.success(request, _("The support service was saved."))
        return redirect("diagnosis:services", city_slug=city.slug)
    context = {"city": city, "form": form, "service": service}
    return render(request, "diagnosis/service_form.html", context)


@require_POST
def service_delete(request: HttpRequest, city_slug: str, pk: int) -> HttpResponse:
    city = get_object_or_404(City, slug=city_slug)
    permissions.check_can_manage_services(request.user, city)
    service = get_object_or_404(SupportService, city=city, pk=pk)
    delete_support_service(request.user, service)
    messages.success(request, _("The support service was removed."))
    return redirect("diagnosis:services", city_slug=city.slug)
