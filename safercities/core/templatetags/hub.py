from django import template

register = template.Library()


@register.filter
def bcp47(code: str) -> str:
    """Django's language code as a BCP-47 tag: ``zh-hans`` → ``zh-Hans``."""
    if not code:
        return "en"
    parts = code.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part)
    return "-".join(out)


@register.simple_tag(takes_context=True)
def querystring_page(context, page_number: int) -> str:
    """The current query string with ``page`` replaced (for pagination links)."""
    query = context["request"].GET.copy()
    query["page"] = page_number
    return "?" + query.urlencode()


@register.filter
def percent(value: float | None, digits: int = 0) -> str:
    """A share (0–1) as a percentage, formatted for the active language."""
    from django.utils.formats import number_format

    if value is None:
        return "—"
    return f"{number_format(value * 100, decimal_pos=int(digits))} %"
