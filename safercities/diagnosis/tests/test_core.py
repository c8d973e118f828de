"""The pure parts: reading answers, grids and snapping, hot spots, summaries (no database)."""

import numpy as np
import pytest

from safercities.diagnosis import analysis
from safercities.diagnosis.geo import (
    grid_cells,
    grid_origin,
    hotspots,
    point_in_polygon,
    public_cells,
)
from safercities.diagnosis.records import AuditReader, SurveyReader, json_answers, spot_key
from safercities.instruments.generic import generic_instrument
from safercities.spatial import aggregate_lonlat, distance_band_weights
from safercities.spatial.exact import count_windows
from safercities.spatial.grid import LocalProjection
from safercities.stats import audit as audit_stats
from safercities.stats import survey as survey_stats

from .conftest import audit_answers, survey_answers

ORIGIN = (100.5018, 13.7563)  # lon, lat of the city centre


def test_the_audit_reader_turns_choice_names_into_ratings_from_0_to_3():
    reader = AuditReader(generic_instrument("womens-safety-audit"))
    answers = audit_answers({"lighting": 0, "feeling": 3, "people": 2}, 13.7, 100.5)
    ratings = reader.ratings(answers)
    assert ratings["lighting"] == 0
    assert ratings["feeling"] == 3
    assert ratings["people"] == 2
    assert ratings["security"] is None  # not answered


def test_the_survey_reader_gives_the_fields_the_survey_statistics_read():
    reader = SurveyReader(generic_instrument("victimization-survey"))
    answers = survey_answers(
        robbery="yes", robbery_reported="yes", burglary="dont_know", fear="bit_unsafe"
    )
    record = reader.record(answers, sex="female", settlement_type="informal", weight=1.5)
    assert record["robbery"] == 1 and record["robbery_reported"] is True
    assert record["theft_personal"] == 0
    assert record["burglary"] is None  # "don't know" is left out of the estimate
    assert record["safety_after_dark"] == "a_bit_unsafe"
    assert record["weight"] == 1.5
    assert survey_stats.prevalence([record], "robbery", min_cell=0).value == 1.0


def test_clean_answers_become_json_ready_values():
    from datetime import date

    from safercities.instruments.converters import GeoPoint

    clean = {"d": date(2024, 3, 5), "g": GeoPoint(13.7, 100.5, None, 5.0), "s": "x"}
    assert json_answers(clean) == {"d": "2024-03-05", "g": [13.7, 100.5, None, 5.0], "s": "x"}


def test_a_point_is_inside_a_polygon_but_not_inside_its_hole():
    square = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
    polygon = {"type": "Polygon", "coordinates": [square, hole]}
    assert point_in_polygon(1, 1, polygon)
    assert not point_in_polygon(5, 5, polygon)
    assert not point_in_polygon(11, 5, polygon)
    assert not point_in_polygon(1, 1, None)


def test_public_cells_snap_points_to_cell_centres_and_drop_cells_under_five():
    rng = np.random.default_rng(3)
    lon = list(100.55 + rng.uniform(0, 0.0015, 12)) + [100.60, 100.6001]
    lat = list(13.72 + rng.uniform(0, 0.0015, 12)) + [13.70, 13.7001]
    cells = public_cells(lon, lat, size=250, origin=ORIGIN, min_count=5)
    assert sum(c.count for c in cells) <= 12
    assert all(c.count >= 5 for c in cells)
    exact = {(round(a, 5), round(b, 5)) for a, b in zip(lat, lon, strict=True)}
    assert not exact & {(c.latitude, c.longitude) for c in cells}
    projection = LocalProjection(*grid_origin(ORIGIN, 250))
    for cell in cells:  # the centre is the middle of a cell of the fixed 250 m grid
        x, y = projection.forward(cell.longitude, cell.latitude)
        assert abs((float(x) / 250) % 1 - 0.5) < 0.01
        assert abs((float(y) / 250) % 1 - 0.5) < 0.01


def test_every_point_is_assigned_to_one_cell():
    cells, point_cell = grid_cells([100.5, 100.5, 100.6], [13.7, 13.7, 13.8], origin=ORIGIN)
    assert len(cells) == 2
    assert point_cell[0] == point_cell[1] != point_cell[2]
    assert sorted(c.count for c in cells) == [1, 2]


def _cluster(seed=1):
    rng = np.random.default_rng(seed)
    lon = np.concatenate([rng.uniform(100.50, 100.56, 150), 100.53 + rng.normal(0, 0.0012, 120)])
    lat = np.concatenate([rng.uniform(13.70, 13.76, 150), 13.73 + rng.normal(0, 0.0012, 120)])
    return lon, lat


def test_hotspots_find_a_constructed_cluster_and_agree_with_the_spatial_core():
    lon, lat = _cluster()
    result = hotspots(lon, lat, size=250, origin=ORIGIN, fdr=True)
    hot = [c for c in result.cells if c.hotspot_class == 3]
    assert hot, "the cluster must be a hot spot at 99 %"
    centre = (13.73, 100.53)
    for cell in hot:
        assert abs(cell.latitude - centre[0]) < 0.01 and abs(cell.longitude - centre[1]) < 0.01
    assert not [c for c in result.cells if c.hotspot_class > 0 and abs(c.latitude - 13.73) > 0.01]
    # The same numbers as the spatial core's exact test on the same (fixed) lattice.
    projection = LocalProjection(*grid_origin(ORIGIN, 250))
    grid = aggregate_lonlat(lon, lat, 250, include_empty=True, projection=projection)
    w = distance_band_weights(grid.centres, 250 * 2**0.5 * 1.01)
    core = count_windows(grid.counts, w)
    assert result.method == "exact" and result.reachable == (1, 2, 3)
    assert result.n_cells == len(grid)
    assert sum(int(c) == 3 for c in core.classes) == len(hot)
    assert min(c.p for c in result.cells) == pytest.approx(round(float(core.q.min()), 4))


def test_hotspots_with_permutations_and_hexagons_still_find_the_cluster():
    lon, lat = _cluster(2)
    result = hotspots(
        lon, lat, size=250, kind="hex", origin=ORIGIN, permutations=999, seed=4, fdr=False
    )
    assert result.permutations == 999 and not result.fdr
    assert any(c.hotspot_class >= 2 for c in result.cells)
    assert len(result.cells[0].polygon) == 7  # six corners, closed


def test_hotspots_refuse_too_few_points_and_too_many_cells():
    with pytest.raises(ValueError):
        hotspots([100.5], [13.7], size=250)
    with pytest.raises(ValueError):
        hotspots([100.0, 101.0, 102.0], [13.0, 14.0, 15.0], size=100)


def _audit(spot, lat, lon, value):
    return {
        "spot": spot,
        "latitude": lat,
        "longitude": lon,
        "description": "",
        **dict.fromkeys(audit_stats.PARAMETERS, value),
    }


def test_the_audit_summary_uses_the_audit_core_and_hides_spots_beyond_the_team():
    audits = [
        _audit(spot_key(13.72, 100.55 + i * 1e-5), 13.72, 100.55 + i * 1e-5, i % 4)
        for i in range(6)
    ]
    team = analysis.audit_summary(audits, public=False)
    public = analysis.audit_summary(audits, public=True, origin=ORIGIN)
    assert team.areas[0].score == audit_stats.area_score(audits, min_audits=3)
    assert public.areas[0].score == audit_stats.area_score(audits, min_audits=5)
    assert team.spots and not public.spots
    assert len(public.cells) == 1 and public.cells[0].score.n_audits == 6
    assert team.correlations == audit_stats.feeling_correlations(audits)


def test_public_areas_need_five_audits_for_a_score():
    audits = [_audit("a", 13.72, 100.55, 2) for _ in range(4)]
    assert analysis.audit_summary(audits, public=False).areas[0].score.overall is not None
    public = analysis.audit_summary(audits, public=True, origin=ORIGIN)
    assert public.areas[0].score.overall is None
    assert public.correlations == [] and not public.cells


def test_incident_counts_under_five_are_suppressed():
    summary = analysis.incident_summary(
        ["theft"] * 7 + ["harassment"] * 2 + ["poor_lighting"] * 6,
        ["theft", "harassment", "assault", "poor_lighting"],
    )
    labels = dict(summary.categories)
    assert labels["harassment"] == "<5" and labels["assault"] == "<5"
    # harassment + assault = 2 would follow from the total: lighting is withheld with them.
    assert labels["poor_lighting"] == "x"
    assert labels["theft"] == 7
    assert summary.n_label == 15


def test_a_total_whose_small_categories_cannot_be_protected_withholds_every_category():
    summary = analysis.incident_summary(["theft"] * 7 + ["harassment"] * 2, ["theft", "assault"])
    assert all(label in ("<5", "x") for _, label in summary.categories)


def test_survey_summary_is_weighted_only_when_every_respondent_has_a_weight():
    reader = SurveyReader(generic_instrument("victimization-survey"))
    records = [
        reader.record(survey_answers(robbery="yes" if i % 3 == 0 else "no"), weight=1.0 + i % 2)
        for i in range(30)
    ]
    summary = analysis.survey_summary(records, reader.crimes)
    assert summary.weighted
    # Weighted point estimate as the survey core; the interval is the design's (Taylor,
    # each respondent its own PSU when no clusters are declared).
    expected = survey_stats.prevalence(records, "robbery", weight="weight")
    overall = summary.crimes[2].prevalence.overall
    assert summary.crimes[2].crime == "robbery"
    assert overall.value == pytest.approx(expected.value)
    assert overall.method == "taylor" and overall.se > 0 and overall.deff is not None
    assert summary.method == "taylor" and not summary.clustered
    records[0]["weight"] = None
    assert not analysis.survey_summary(records, reader.crimes).weighted


def test_a_small_public_area_is_withheld_with_another_so_it_cannot_be_subtracted():
    outline = {
        "type": "Polygon",
        "coordinates": [[[100.50, 13.70], [100.51, 13.70], [100.51, 13.71], [100.50, 13.71],
                         [100.50, 13.70]]],
    }  # fmt: skip
    inside = [_audit(f"in{i}", 13.705, 100.505 + i * 1e-4, 1) for i in range(3)]
    outside = [_audit(f"out{i}", 13.80, 100.60 + i * 1e-3, 3) for i in range(12)]
    summary = analysis.audit_summary(
        inside + outside, settlements=[("s", "Settlement", outline)], public=True, origin=ORIGIN
    )
    areas = {a.key: a.score for a in summary.areas}
    assert areas["all"].overall is not None
    assert areas["s"].overall is None  # 3 audits
    assert areas["outside"].overall is None  # else all − outside gives the settlement away
    team = analysis.audit_summary(
        inside + outside, settlements=[("s", "Settlement", outline)], public=False
    )
    assert {a.key: a.score for a in team.areas}["outside"].overall is not None


def test_the_grids_of_different_sizes_never_nest():
    """No large cell is an exact union of small ones, so counts cannot be subtracted."""
    from safercities.spatial import LocalProjection as Projection

    lon0, lat0 = ORIGIN
    base = Projection(lon0=lon0, lat0=lat0)
    edges = {}
    for size in (100, 250, 500, 1000):
        x, y = base.forward(*grid_origin(ORIGIN, size))
        edges[size] = (float(x) % size, float(y) % size)
    for small in (100, 250, 500):
        for large in (250, 500, 1000):
            if large <= small:
                continue
            # a large cell nests small ones only if its edges fall on the small grid's edges
            for axis in (0, 1):
                offset = (edges[large][axis] - edges[small][axis]) % small
                assert min(offset, small - offset) > 1.0, (small, large, axis)
