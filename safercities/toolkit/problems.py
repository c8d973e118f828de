"""Translated wording for the problems reported by ``safercities.instruments``.

The one place where instrument problems become the reader's language. Problems that carry
a code (:class:`safercities.instruments.model.Problem`) are worded from the code and its
parameters; older English sentences are matched by pattern, and shown as given otherwise.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

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


_COLUMNS = {
    "relevant": pgettext_lazy("form logic column", "relevance"),
    "constraint": pgettext_lazy("form logic column", "constraint"),
}

_CODES = {
    "expression_too_deep": lambda p: (
        _(
            "Question “%(question)s”, %(column)s: the expression nests more than %(limit)s "
            "levels of brackets or functions (at character %(position)s). Write it more simply."
        )
        % {**p, "column": _COLUMNS.get(str(p.get("column")), p.get("column"))}
    ),
}


def describe(problem: str) -> str:
    """``problem`` in the reader's language when its code or pattern is known."""
    render_code = _CODES.get(getattr(problem, "code", ""))
    if render_code is not None:
        return render_code(problem.params)
    for pattern, render in _PATTERNS:
        match = pattern.fullmatch(problem)
        if match:
            return render(match)
    return problem
