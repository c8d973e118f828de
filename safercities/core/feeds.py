"""Atom feeds that any reader can parse, whatever text members typed.

Use :class:`SafeAtomFeed` as ``feed_type`` of every feed: each text goes through
:func:`safercities.core.sanitize.xml_text` (a control character in one title must not break
the feed for everyone), and summaries are declared ``type="text"``: they hold plain text, so
a summary such as ``<img src=x onerror=…>`` is shown as those characters, never as HTML.
"""

from django.utils.feedgenerator import Atom1Feed

from safercities.core.sanitize import xml_text


def _clean(value):
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, list | tuple):
        return type(value)(_clean(item) for item in value)
    return value


class SafeAtomFeed(Atom1Feed):
    def __init__(self, *args, **kwargs):
        super().__init__(
            *(_clean(arg) for arg in args), **{k: _clean(v) for k, v in kwargs.items()}
        )

    def add_item(self, *args, **kwargs):
        super().add_item(
            *(_clean(arg) for arg in args), **{k: _clean(v) for k, v in kwargs.items()}
        )

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})
