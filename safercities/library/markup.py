"""Markdown → safe HTML (no Django): ``markdown`` renders, ``nh3`` keeps only an allowlist.

Nothing that can run script survives: no ``<script>``/``<style>``/``<iframe>``, no ``on*``
attributes, no ``style`` attributes, and links only with http(s)/mailto URLs or relative ones.
"""

import html
import threading

import markdown
import nh3

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3",
        "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_EXTENSIONS = ["tables", "fenced_code", "sane_lists"]


class _Renderer(threading.local):
    """One Markdown instance per thread (building one costs more than converting a page)."""

    def __init__(self) -> None:
        self.markdown = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")


_renderer = _Renderer()


def sanitize_html(dirty: str) -> str:
    return nh3.clean(
        dirty,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    """Safe HTML for Markdown ``text``. Headings start at ``<h2>`` (the page owns ``<h1>``)."""
    if not text or not text.strip():
        return ""
    converter = _renderer.markdown
    try:
        rendered = converter.convert(text)
    finally:
        converter.reset()
    rendered = rendered.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return sanitize_html(rendered)


def plain_text(safe_html: str) -> str:
    """The text of rendered HTML, for search and feeds."""
    text = nh3.clean(safe_html.replace("</p>", "</p>\n").replace("<br>", "\n"), tags=set())
    return html.unescape(text).strip()
