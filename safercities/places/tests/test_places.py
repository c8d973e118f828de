import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from safercities.places.geometry import GeometryError, polygon_centroid, validate_polygon
from safercities.places.models import Country, District

pytestmark = pytest.mark.django_db
SQUARE = {"type": "Polygon", "coordinates": [[[100, 13], [100.01, 13], [100.01, 13.01], [100, 13.01], [100, 13]]]}  # fmt: skip


def test_asia_pacific_countries_are_seeded():
    codes = set(Country.objects.asia_pacific().values_list("code", flat=True))
    assert {"TH", "KH", "VN", "ID", "PH", "BD", "NP", "IN", "LA", "MM", "CN"} <= codes
    assert len(codes) >= 50


def test_country_names_follow_the_reader_language():
    thailand = Country.objects.get(code="TH")
    with translation.override("th"):
        assert thailand.display_name == "ไทย"
    with translation.override("zh-hans"):
        assert thailand.display_name == "泰国"
    with translation.override("en"):
        assert thailand.display_name == "Thailand"


def test_a_city_page_lists_districts_and_informal_settlements(client, city_a, make_settlement):
    district = District.objects.create(city=city_a, name="Khlong Toei")
    make_settlement(city=city_a, name="Port Community", district=district, estimated_population=900)
    body = client.get(city_a.get_absolute_url()).content.decode()
    assert "Khlong Toei" in body
    assert "Port Community" in body
    assert "900" in body


def test_the_informal_share_uses_recorded_settlements(city_a, make_settlement):
    city_a.population = 10_000
    make_settlement(city=city_a, estimated_population=1_500)
    make_settlement(city=city_a, estimated_population=500)
    assert city_a.informal_share == pytest.approx(0.2)


def test_an_unknown_city_is_a_404(client):
    assert client.get("/cities/atlantis/").status_code == 404


def test_a_settlement_outline_must_be_a_closed_lon_lat_polygon(city_a, make_settlement):
    settlement = make_settlement(city=city_a, outline=SQUARE)
    settlement.full_clean()
    settlement.outline = {"type": "Polygon", "coordinates": [[[100, 13], [200, 13], [100, 14]]]}
    with pytest.raises(ValidationError) as error:
        settlement.full_clean()
    assert "outline" in error.value.message_dict


def test_a_settlement_district_must_belong_to_its_city(city_a, city_b, make_settlement):
    elsewhere = District.objects.create(city=city_b, name="Chamkar Mon")
    settlement = make_settlement(city=city_a)
    settlement.district = elsewhere
    with pytest.raises(ValidationError):
        settlement.full_clean()


def test_polygon_checks_without_django():
    validate_polygon(SQUARE)
    assert polygon_centroid(SQUARE) == pytest.approx((100.005, 13.005))
    for bad in (None, {"type": "Point"}, {"type": "Polygon", "coordinates": []}):
        with pytest.raises(GeometryError):
            validate_polygon(bad)
