from safercities.stats.disclosure import (
    MIN_CELL,
    SMALL_CELL_DESCRIPTION,
    SMALL_CELL_MARKER,
    SUPPRESSED_MARKER,
    cell_label,
    cell_labels,
    is_small,
    primary_suppressed,
    secondary_suppressed,
    suppress_small_cells,
)


def test_the_default_minimum_cell_size_is_five():
    assert MIN_CELL == 5


def test_cell_label_shows_counts_of_at_least_the_minimum():
    assert cell_label(5) == 5
    assert cell_label(120) == 120


def test_cell_label_hides_counts_below_the_minimum_behind_a_marker():
    assert cell_label(4) == "<5"
    assert cell_label(1) == "<5"
    assert cell_label(9, min_cell=10) == "<10"


def test_a_zero_count_is_hidden_like_any_small_count():
    assert cell_label(0) == "<5"
    assert is_small(0)


def test_an_already_withheld_count_is_labelled_with_the_suppressed_marker():
    assert cell_label(None) == SUPPRESSED_MARKER == "x"


def test_markers_are_templates_the_ui_can_translate_and_fill_in():
    assert SMALL_CELL_MARKER.format(min_cell=5) == "<5"
    assert SMALL_CELL_DESCRIPTION.format(min_cell=5) == "fewer than 5"


def test_an_unknown_count_is_treated_as_small_to_fail_safe():
    assert is_small(None)
    assert not is_small(5)


def test_primary_suppression_hides_only_cells_below_the_minimum():
    counts = {"a": 3, "b": 40, "c": 12}
    assert primary_suppressed(counts) == {"a"}
    assert suppress_small_cells(counts, secondary=False) == {"a": None, "b": 40, "c": 12}


def test_a_lone_suppressed_cell_also_hides_the_smallest_other_cell():
    counts = {"a": 3, "b": 40, "c": 12}
    assert suppress_small_cells(counts) == {"a": None, "b": 40, "c": None}


def test_with_two_groups_a_small_cell_hides_the_whole_dimension():
    # overall 43 - male 40 would reveal female 3
    assert suppress_small_cells({"female": 3, "male": 40}) == {"female": None, "male": None}


def test_no_secondary_suppression_when_two_cells_are_already_hidden():
    counts = {"a": 2, "b": 3, "c": 40}
    assert secondary_suppressed(counts, {"a", "b"}) == set()
    assert suppress_small_cells(counts) == {"a": None, "b": None, "c": 40}


def test_secondary_suppression_breaks_ties_by_the_first_cell():
    assert secondary_suppressed({"a": 2, "b": 7, "c": 7}, {"a"}) == {"b"}


def test_nothing_is_suppressed_when_every_cell_is_large_enough():
    counts = {"a": 5, "b": 6}
    assert suppress_small_cells(counts) == counts


def test_the_minimum_can_be_raised():
    assert suppress_small_cells({"a": 8, "b": 30, "c": 50}, min_cell=10) == {
        "a": None,
        "b": None,
        "c": 50,
    }


def test_cell_labels_distinguish_small_cells_from_protecting_cells():
    assert cell_labels({"a": 3, "b": 40, "c": 12}) == {"a": "<5", "b": 40, "c": "x"}
    assert cell_labels({"a": 3, "b": 40, "c": 12}, secondary=False) == {
        "a": "<5",
        "b": 40,
        "c": 12,
    }
