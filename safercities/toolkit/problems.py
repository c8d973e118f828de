"""Translated wording for the English problem sentences of ``safercities.instruments``.

The instruments package reports problems in stable English; the pages show them in the
reader's language where a pattern is known, and as given otherwise.
"""

import re

from django.utils.translation import gettext as _

_PATTERNS = [
    (
        re.compile(r"Core question '(?P<q>[^']+)' was removed\."),
        lambda m: (
            _("Core question “%(q)s” cannot be removed: results must stay comparable.")
            % m.groupdict()
        ),
    ),
    (
        re.compile(r"Core question '(?P<q>[^']+)' is no longer marked core\."),
        lambda m: _("Question “%(q)s” must stay a core question.") % m.groupdict(),
    ),
    (
        re.compile(r"Core question '(?P<q>[^']+)' changed type from (?P<a>\S+) to (?P<b>\S+)\."),
        lambda m: (
            _("Core question “%(q)s” cannot change its type (from %(a)s to %(b)s).") % m.groupdict()
        ),
    ),
    (
        re.compile(r"Core question '(?P<q>[^']+)' changed its score parameter\."),
        lambda m: _("Core question “%(q)s” cannot change what it scores.") % m.groupdict(),
    ),
    (
        re.compile(r"Core question '(?P<q>[^']+)' has new choices: (?P<c>.+)\."),
        lambda m: _("Core question “%(q)s” cannot get new choices (%(c)s).") % m.groupdict(),
    ),
    (
        re.compile(r"Core question '(?P<q>[^']+)' lost choices: (?P<c>.+)\."),
        lambda m: _("Choices of core question “%(q)s” cannot be removed (%(c)s).") % m.groupdict(),
    ),
    (
        re.compile(r"Core question '(?P<q>[^']+)' changed the score of choice '(?P<c>[^']+)'\."),
        lambda m: (
            _("Core question “%(q)s” cannot change the score of choice “%(c)s”.") % m.groupdict()
        ),
    ),
    (
        re.compile(r"Invalid definition: (?P<p>.+)"),
        lambda m: _("Invalid definition: %(p)s") % m.groupdict(),
    ),
]


def describe(problem: str) -> str:
    """``problem`` in the reader's language when its pattern is known."""
    for pattern, render in _PATTERNS:
        match = pattern.fullmatch(problem)
        if match:
            return render(match)
    return problem
