"""Repeat groups in the web form: add and remove entries with plain buttons (no JavaScript)."""

from django.http import QueryDict
from django.template.loader import render_to_string

from safercities.instruments.tests.test_repeats import incident_survey
from safercities.toolkit.webform import build_form


def post(**data):
    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    return query


def make(data=None):
    return build_form(incident_survey(), "en")(data)


def test_an_unbound_form_shows_one_entry_with_add_and_remove_buttons():
    form = make()
    html = render_to_string("toolkit/_webform.html", {"form": form})

    assert form.repeat_counts == {"incidents": 1}
    assert 'name="incidents__count" value="1"' in html
    assert 'name="incidents__0__crime"' in html
    assert 'name="_repeat" value="add:incidents"' in html
    assert 'name="_repeat" value="remove:incidents:1"' in html


def test_add_shows_one_more_entry_keeps_the_answers_and_saves_nothing():
    form = make(post(victim="yes", incidents__count="1", incidents__0__crime="theft",
                     _repeat="add:incidents"))  # fmt: skip

    assert form.repeat_action and not form.is_valid()
    assert form.repeat_counts == {"incidents": 2}
    html = render_to_string("toolkit/_webform.html", {"form": form})
    assert 'name="incidents__1__crime"' in html
    assert (
        'value="theft" required' in html
        or 'value="theft" checked' in html
        or ('value="theft"' in html and "checked" in html)
    )
    assert "Please correct" not in html  # no errors after a click on "add"


def test_remove_drops_that_entry_and_renumbers_the_others():
    form = make(
        post(
            victim="yes",
            incidents__count="3",
            incidents__0__crime="theft",
            incidents__1__crime="robbery",
            incidents__2__crime="assault",
            incidents__2__reported="yes",
            incidents__2__reported_to=["police", "district"],
            _repeat="remove:incidents:2",
        )
    )

    assert form.repeat_counts == {"incidents": 2}
    assert form.data["incidents__1__crime"] == "assault"
    assert form.data.getlist("incidents__1__reported_to") == ["police", "district"]
    assert "incidents__2__crime" not in form.data


def test_a_valid_post_gives_one_answer_dict_per_entry_and_skips_blank_entries():
    form = make(
        post(
            victim="yes",
            incidents__count="3",
            incidents__0__crime="theft",
            incidents__0__reported="no",
            incidents__0__when="2024-01-02",
            incidents__2__crime="harassment",
            incidents__2__reported="yes",
            incidents__2__reported_to=["police"],
        )
    )

    assert form.is_valid(), form.errors
    assert form.json_answers() == {
        "victim": "yes",
        "incidents": [
            {"crime": "theft", "reported": "no", "when": "2024-01-02"},
            {"crime": "harassment", "reported": "yes", "reported_to": ["police"]},
        ],
    }


def test_an_error_in_an_entry_is_shown_next_to_that_entrys_question():
    form = make(post(victim="yes", incidents__count="2", incidents__0__crime="theft",
                     incidents__0__reported="no", incidents__1__crime="assault"))  # fmt: skip

    assert not form.is_valid()
    assert form.errors == {"incidents__1__reported": ["This question requires an answer."]}


def test_the_entry_count_cannot_be_forced_beyond_the_limit():
    form = make(post(victim="no", incidents__count="100000"))
    assert form.repeat_counts == {"incidents": 30}
