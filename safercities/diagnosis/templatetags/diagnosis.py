"""Display helpers for diagnosis pages: ``{% load diagnosis %}``."""

from django import template
from django.utils.formats import number_format

from safercities.diagnosis import presenters

register = template.Library()


@register.filter
def score(value: float | None) -> str:
    """A 0–100 score as a whole number, or a dash when there is none."""
    if value is None:
        return "—"
    return number_format(value, decimal_pos=0)


@register.filter
def estimate(value) -> str:
    """An estimate as "12.3 %", or "fewer than 5" / "withheld" when suppressed."""
    if value is None:
        return "—"
    if value.suppressed:
        return presenters.count_label(value.n_label)
    if value.value is None:
        return "—"
    return f"{number_format(value.value * 100, decimal_pos=1)} %"


@register.filter
def interval(value) -> str:
    """The 95 % interval of an estimate or a gap, "8.1–12.0 %" (empty when suppressed)."""
    if value is None or getattr(value, "suppressed", False) or value.low is None:
        return ""
    low = number_format(value.low * 100, decimal_pos=1)
    high = number_format(value.high * 100, decimal_pos=1)
    return f"{low} – {high} %"


@register.filter
def points(value) -> str:
    """A gap between two shares, in percentage points with a sign."""
    if value is None:
        return "—"
    text = number_format(abs(value) * 100, decimal_pos=1)
    return f"{'+' if value >= 0 else '−'}{text}"


@register.filter
def count(value) -> str:
    return presenters.count_label(value)


@register.filter
def estimate_n(value) -> str:
    if value is None:
        return "—"
    return presenters.count_label(value.n_label if value.suppressed else value.n)


@register.filter
def effective_n(value: float | None) -> str:
    """An effective sample size as a whole number."""
    return "—" if value is None else number_format(value, decimal_pos=0)


@register.filter
def deff(value: float | None) -> str:
    """A design effect with one decimal."""
    return "—" if value is None else number_format(value, decimal_pos=1)


@register.filter
def lookup(mapping, key):
    """``mapping[key]``, or the key itself when there is no such entry."""
    if not isinstance(mapping, dict):
        return key
    return mapping.get(key, key)


@register.filter
def parameter_label(name: str) -> str:
    return str(presenters.PARAMETER_LABELS.get(name, name))


@register.filter
def crime_label(name: str) -> str:
    return str(presenters.CRIME_LABELS.get(name, name))


@register.filter
def dimension_label(name: str) -> str:
    return str(presenters.DIMENSION_LABELS.get(name, name))


@register.filter
def class_label(value: int) -> str:
    return str(presenters.CLASS_TEXT.get(int(value), value))


@register.filter
def class_label_q(value: int) -> str:
    return str(presenters.CLASS_TEXT_Q.get(value, ""))


@register.filter
def score_band(value: float | None) -> str:
    """A CSS class for a 0–100 score: low, fair, good (none when missing)."""
    if value is None:
        return "band-none"
    if value < 33.4:
        return "band-low"
    if value < 50:
        return "band-poor"
    if value < 66.7:
        return "band-fair"
    return "band-good"


@register.filter
def rating(value: float | None) -> str:
    if value is None:
        return "—"
    return number_format(value, decimal_pos=2)


@register.filter
def correlation(value: float | None) -> str:
    if value is None:
        return "—"
    return number_format(value, decimal_pos=2)


@register.filter
def tel(value: str) -> str:
    """A phone number for a ``tel:`` link: the plus sign and digits only."""
    return "".join(c for c in value or "" if c.isdigit() or c == "+")


@register.filter
def pvalue(value: float | None) -> str:
    """A p-value with three decimals, or "< 0.001"."""
    if value is None:
        return "—"
    if value < 0.001:
        return "< " + number_format(0.001, decimal_pos=3)
    return number_format(value, decimal_pos=3)
