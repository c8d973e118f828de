"""The map legend shows the markers' own colours and explains each of them."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db
STATIC = Path(settings.PACKAGE_DIR) / "static"


def _css_colour(css: str, name: str) -> str:
    match = re.search(r"\." + re.escape(name) + r" \{[^}]*(#[0-9a-f]{6})", css)
    assert match, name
    return match.group(1)


def test_every_marker_colour_has_its_legend_swatch():
    js = (STATIC / "diagnosis" / "map.js").read_text()
    css = (STATIC / "css" / "diagnosis.css").read_text()
    score = re.findall(
        r'return "(#[0-9a-f]{6})"', js.split("function scoreColour")[1].split("}")[0]
    )
    assert score == ["#777777", "#d7301f", "#fc8d59", "#fdcc8a", "#1a9850"]
    swatches = [
        "swatch-none",
        "swatch-score-low",
        "swatch-score-poor",
        "swatch-score-fair",
        "swatch-score-good",
    ]
    assert [_css_colour(css, s) for s in swatches] == score
    assert _css_colour(css, "swatch-hot") == "#b2182b" and '3: "#b2182b"' in js
    assert _css_colour(css, "swatch-cold") == "#2166ac" and '"-3": "#2166ac"' in js
    assert _css_colour(css, "swatch-incidents") == "#7b3294" and 'fillColor: "#7b3294"' in js
    assert "#6a3d9a" in css and 'color: "#6a3d9a"' in js


def test_the_map_page_explains_each_colour(client_for, make_assessment, team_a):
    assessment = make_assessment()
    html = client_for(team_a).get(f"/diagnosis/{assessment.pk}/map/").content.decode()
    for text in (
        "No score yet",
        "Hotspot: more than expected by chance",
        "Outline of an informal settlement",
    ):
        assert text in html
