"""Markdown is rendered, and nothing that can run script survives."""

import pytest

from safercities.library.markup import plain_text, render_markdown


def test_safe_markdown_renders():
    html = render_markdown(
        "## Steps\n\n1. **Walk** the route\n2. See [the guide](https://example.org/g)"
    )
    assert "<h2>Steps</h2>" in html
    assert "<strong>Walk</strong>" in html
    assert "<ol>" in html
    assert 'href="https://example.org/g"' in html
    assert 'rel="nofollow noopener noreferrer"' in html


@pytest.mark.parametrize(
    "dangerous",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)" onclick="alert(1)">x</a>',
        '<p style="background:url(javascript:alert(1))" onmouseover="alert(1)">x</p>',
        "<iframe src=https://evil.example></iframe>",
        "<style>body{display:none}</style>",
        '<svg onload="alert(1)"></svg>',
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    ],
)
def test_nothing_executable_survives(dangerous):
    html = render_markdown(f"Intro\n\n{dangerous}\n\nEnd").lower()
    assert "<script" not in html
    assert "onerror" not in html and "onclick" not in html and "onload" not in html
    assert "onmouseover" not in html
    assert "javascript:" not in html
    assert "<iframe" not in html and "<style" not in html and "style=" not in html
    assert "data:text/html" not in html
    assert "end" in html


def test_a_level_one_heading_becomes_level_two():
    assert render_markdown("# Title").startswith("<h2>")


def test_empty_markdown_renders_nothing():
    assert render_markdown("   ") == ""


def test_plain_text_strips_tags_and_keeps_words():
    text = plain_text(render_markdown("Hello **world** &amp; <b>friends</b>"))
    assert text == "Hello world & friends"
