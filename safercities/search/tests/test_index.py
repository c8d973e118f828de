import pytest
from django.core.management import call_command

from safercities.search.index import (
    rebuild_index,
    reindex_object,
    reindex_objects,
    remove_document,
)
from safercities.search.models import IndexedDocument

pytestmark = pytest.mark.django_db


def kinds_and_titles():
    return sorted(IndexedDocument.objects.values_list("kind", "title"))


def test_reindexing_a_searchable_object_adds_it(city_source, make_city):
    city = make_city(name="Vientiane", pilot=True)
    assert reindex_object(city) is True
    assert kinds_and_titles() == [("testcity", "Vientiane")]


def test_reindexing_an_object_that_is_no_longer_searchable_removes_it(city_source, make_city):
    city = make_city(name="Vientiane", pilot=True)
    reindex_object(city)
    city.is_pilot = False
    city.save()
    assert reindex_object(city) is False
    assert kinds_and_titles() == []


def test_reindexing_an_edited_object_replaces_its_document(city_source, make_city):
    city = make_city(name="Vientiane", pilot=True)
    reindex_object(city)
    first_id = IndexedDocument.objects.get().pk
    city.name = "Luang Prabang"
    city.save()
    reindex_object(city)
    assert kinds_and_titles() == [("testcity", "Luang Prabang")]
    assert IndexedDocument.objects.get().pk == first_id


def test_reindex_objects_indexes_and_removes_in_bulk(city_source, make_city):
    pilots = [make_city(name=f"Pilot {n}", pilot=True) for n in range(3)]
    other = make_city(name="Not a pilot", pilot=False)
    assert reindex_objects([*pilots, other]) == (3, 1)
    assert [t for _k, t in kinds_and_titles()] == ["Pilot 0", "Pilot 1", "Pilot 2"]


def test_reindexing_an_unregistered_model_is_an_error(make_city):
    with pytest.raises(LookupError):
        reindex_object(make_city(name="Nowhere"))


def test_remove_document_says_whether_it_was_indexed(city_source, make_city):
    city = make_city(name="Vientiane", pilot=True)
    reindex_object(city)
    assert remove_document("testcity", city.pk) is True
    assert remove_document("testcity", city.pk) is False
    assert kinds_and_titles() == []


def test_rebuild_indexes_every_searchable_object(city_source, make_city, make_document):
    make_city(name="Vientiane", pilot=True)
    make_city(name="Hidden", pilot=False)
    make_document(title="Stale resource")
    assert rebuild_index() == 1
    assert kinds_and_titles() == [("testcity", "Vientiane")]


def test_rebuilding_one_kind_keeps_the_others(city_source, make_city, make_document):
    make_city(name="Vientiane", pilot=True)
    make_document(title="A resource")
    assert rebuild_index("testcity") == 1
    assert kinds_and_titles() == [("resource", "A resource"), ("testcity", "Vientiane")]


def test_the_management_command_rebuilds_the_index(city_source, make_city, capsys):
    make_city(name="Vientiane", pilot=True)
    call_command("rebuild_search_index")
    assert "Indexed 1 documents" in capsys.readouterr().out
    assert kinds_and_titles() == [("testcity", "Vientiane")]
