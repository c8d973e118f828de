from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from safercities.api.types import CountryCode
from safercities.places.models import City, Country

router = Router(tags=["places"])


class CountryOut(Schema):
    code: str
    name: str
    display_name: str


class CityOut(Schema):
    slug: str
    name: str
    local_name: str
    country: str
    population: int | None
    latitude: float | None
    longitude: float | None
    is_pilot: bool
    url: str


class DistrictOut(Schema):
    id: int
    name: str
    local_name: str
    kind: str


class SettlementOut(Schema):
    id: int
    name: str
    district: str | None
    estimated_population: int | None
    latitude: float | None
    longitude: float | None
    outline: dict | None


class CityDetailOut(CityOut):
    districts: list[DistrictOut]
    settlements: list[SettlementOut]


def _city(city: City, request) -> dict:
    return {
        "slug": city.slug,
        "name": city.name,
        "local_name": city.local_name,
        "country": city.country_id,
        "population": city.population,
        "latitude": city.latitude,
        "longitude": city.longitude,
        "is_pilot": city.is_pilot,
        "url": request.build_absolute_uri(city.get_absolute_url()),
    }


@router.get("/countries", response=list[CountryOut])
def list_countries(request):
    return [
        {"code": c.code, "name": c.name, "display_name": c.display_name}
        for c in Country.objects.asia_pacific()
    ]


@router.get("/cities", response=list[CityOut])
def list_cities(request, country: CountryCode | None = None, pilot: bool | None = None):
    cities = City.objects.select_related("country")
    if country:
        cities = cities.filter(country_id=country.upper())
    if pilot is not None:
        cities = cities.filter(is_pilot=pilot)
    return [_city(city, request) for city in cities]


@router.get("/cities/{slug}", response=CityDetailOut)
def get_city(request, slug: str):
    city = get_object_or_404(City.objects.select_related("country"), slug=slug)
    data = _city(city, request)
    data["districts"] = list(city.districts.values("id", "name", "local_name", "kind"))
    data["settlements"] = [
        {
            "id": s.id,
            "name": s.name,
            "district": s.district.name if s.district else None,
            "estimated_population": s.estimated_population,
            "latitude": s.latitude,
            "longitude": s.longitude,
            "outline": s.outline,
        }
        for s in city.settlements.select_related("district")
    ]
    return data
