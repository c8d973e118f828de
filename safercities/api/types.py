"""Parameter types shared by every router, so the OpenAPI document states allowed values.

Use these instead of a bare ``str`` when a parameter takes a fixed vocabulary: the schema
then lists the values (``enum``) or the form (``pattern``), and pydantic refuses anything
else with a 400 naming the field before the endpoint runs.
"""

from typing import Annotated, Literal

from pydantic import Field

from safercities.core.languages import CONTENT_LANGUAGES
from safercities.places.countries import ASIA_PACIFIC_COUNTRIES

_COUNTRY_CODES = [code for code, _name in ASIA_PACIFIC_COUNTRIES]
_LANGUAGE_CODES = sorted({*CONTENT_LANGUAGES, *(code.lower() for code in CONTENT_LANGUAGES)})

#: An Asia-Pacific country, ISO 3166-1 alpha-2, either case (``TH`` or ``th``).
CountryCode = Literal[tuple(_COUNTRY_CODES + [code.lower() for code in _COUNTRY_CODES])]  # type: ignore[valid-type]
#: A content language the Hub knows (BCP-47, either case: ``zh-Hans`` or ``zh-hans``).
LanguageCode = Literal[tuple(_LANGUAGE_CODES)]  # type: ignore[valid-type]
#: Any well-formed BCP-47 tag (``th``, ``zh-Hans``): for reading texts in a language.
LanguageTag = Annotated[
    str, Field(pattern=r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}$", max_length=15)
]
#: The short name of something held in the database (city, theme, tool, organisation).
Slug = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=100)]
