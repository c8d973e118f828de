"""Editors add districts and settlements in pages; outlines are uploaded or drawn, then checked."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from safercities.core.models import AuditLogEntry
from safercities.places.models import District, InformalSettlement

pytestmark = pytest.mark.django_db

SQUARE = [[100.55, 13.72], [100.56, 13.72], [100.56, 13.73], [100.55, 13.73], [100.55, 13.72]]
BOWTIE = [[100.55, 13.72], [100.56, 13.73], [100.56, 13.72], [100.55, 13.73], [100.55, 13.72]]
IN_CAMBODIA = [[104.9, 11.55], [104.91, 11.55], [104.91, 11.56], [104.9, 11.56], [104.9, 11.55]]

KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>Klong Toey</name><Polygon>
<outerBoundaryIs><LinearRing><coordinates>
100.55,13.72,0 100.56,13.72,0 100.56,13.73,0 100.55,13.73,0 100.55,13.72,0
</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>"""


def _geojson(ring, name="outline.geojson"):
    data = {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]}}
    return SimpleUploadedFile(name, json.dumps(data).encode(), content_type="application/json")


def _post(client, city, data, url_part="settlements/new"):
    return client.post(f"/cities/{city.slug}/{url_part}/", data)


def test_an_editor_adds_a_settlement_with_an_uploaded_geojson_outline(client_for, editor, city_a):
    response = _post(
        client_for(editor),
        city_a,
        {"name": "Khlong Toei", "estimated_population": "100000", "outline_file": _geojson(SQUARE)},
    )
    assert response.status_code == 302
    settlement = InformalSettlement.objects.get(name="Khlong Toei")
    assert settlement.outline["coordinates"][0] == SQUARE
    assert settlement.latitude == pytest.approx(13.725)  # centre of the outline
    assert AuditLogEntry.objects.filter(action="settlement.created", actor=editor).exists()


def test_a_kml_outline_from_google_earth_is_accepted(client_for, editor, city_a):
    kml = SimpleUploadedFile("area.kml", KML.encode(), content_type="application/xml")
    _post(client_for(editor), city_a, {"name": "Klong Toey", "outline_file": kml})
    assert InformalSettlement.objects.get().outline["coordinates"][0] == SQUARE


@pytest.mark.parametrize(
    ("ring", "message"),
    [
        (BOWTIE, "crosses itself"),
        (IN_CAMBODIA, "outside Thailand"),
        (SQUARE[:-1] + [[100.551, 13.72]], "not closed"),
    ],
)
def test_a_bad_outline_is_refused_with_a_clear_message(client_for, editor, city_a, ring, message):
    response = _post(
        client_for(editor), city_a, {"name": "Bad outline", "outline_file": _geojson(ring)}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not InformalSettlement.objects.exists()


def test_a_file_that_is_not_an_outline_is_refused(client_for, editor, city_a):
    junk = SimpleUploadedFile("outline.geojson", b"\x89PNG not json")
    response = _post(client_for(editor), city_a, {"name": "X", "outline_file": junk})
    assert "could not be read as GeoJSON" in response.content.decode()
    hostile = SimpleUploadedFile(
        "bomb.kml",
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa">]><kml>&a;</kml>',
    )
    response = _post(client_for(editor), city_a, {"name": "X", "outline_file": hostile})
    assert "could not be read as KML" in response.content.decode()


def test_an_uploaded_outline_survives_an_error_elsewhere_on_the_form(client_for, editor, city_a):
    client = client_for(editor)
    response = _post(client, city_a, {"name": "", "outline_file": _geojson(SQUARE)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required" in html
    assert "100.55" in html  # the checked outline is carried in the form
    kept = response.context["form"]["outline_drawn"].value()
    response = _post(client, city_a, {"name": "Khlong Toei", "outline_drawn": kept})
    assert response.status_code == 302
    assert InformalSettlement.objects.get().outline["coordinates"][0] == SQUARE


def test_an_outline_drawn_on_the_map_is_checked_like_an_upload(client_for, editor, city_a):
    drawn = json.dumps({"type": "Polygon", "coordinates": [BOWTIE]})
    response = _post(client_for(editor), city_a, {"name": "Drawn", "outline_drawn": drawn})
    assert "crosses itself" in response.content.decode()


def test_an_editor_adds_a_district_and_edits_its_outline(client_for, editor, city_a):
    client = client_for(editor)
    _post(client, city_a, {"name": "Khlong Toei District", "kind": "district"}, "districts/new")
    district = District.objects.get()
    assert district.outline is None
    response = _post(
        client,
        city_a,
        {"name": "Khlong Toei District", "kind": "district", "outline_file": _geojson(SQUARE)},
        f"districts/{district.pk}/edit",
    )
    assert response.status_code == 302
    district.refresh_from_db()
    assert district.outline["type"] == "Polygon"
    duplicate = _post(
        client, city_a, {"name": "khlong toei district", "kind": "ward"}, "districts/new"
    )
    assert "already has a district with this name" in duplicate.content.decode()


def test_a_member_cannot_add_places(client_for, member, city_a):
    assert client_for(member).get(f"/cities/{city_a.slug}/settlements/new/").status_code == 403
    assert _post(client_for(member), city_a, {"name": "X"}).status_code == 403


def test_the_city_page_offers_editors_the_add_links(client_for, editor, member, city_a):
    html = client_for(editor).get(city_a.get_absolute_url()).content.decode()
    assert f"/cities/{city_a.slug}/settlements/new/" in html
    assert (
        "/settlements/new/"
        not in client_for(member).get(city_a.get_absolute_url()).content.decode()
    )
