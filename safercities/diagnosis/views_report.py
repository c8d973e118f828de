"""Where to report an incident: every city's channel, and its support services first."""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from safercities.diagnosis.models import Assessment, SupportService
from safercities.places.models import City


@require_safe
def report_chooser(request: HttpRequest) -> HttpResponse:
    channels = Assessment.objects.accepting_reports().select_related("city")
    open_by_city: dict[int, list[Assessment]] = {}
    for assessment in channels:
        open_by_city.setdefault(assessment.city_id, []).append(assessment)
    chosen = request.GET.get("city", "")
    cities = City.objects.select_related("country").order_by("name")
    if chosen:
        cities = cities.filter(slug=chosen)
    else:
        with_services = SupportService.objects.values_list("city_id", flat=True)
        cities = cities.filter(pk__in=[*open_by_city, *with_services])
    cities = cities.prefetch_related(
        Prefetch("support_services", queryset=SupportService.objects.order_by("order", "name"))
    )
    rows = [{"city": city, "channels": open_by_city.get(city.pk, [])} for city in cities]
    return render(
        request,
        "diagnosis/report_chooser.html",
        {
            "rows": rows,
            "all_cities": City.objects.order_by("name").only("slug", "name"),
            "chosen": chosen,
        },
    )
