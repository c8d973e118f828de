"""What a valid resource is, in one place for the form, the API and the bulk import.

Pure Python (the importer runs without Django). The form's validators, the API's schema
and checks, and :mod:`safercities.library.importer` all read these values, so the three
ways in cannot drift apart again (the importer once accepted 1900 while the others
required 1950).
"""

from datetime import date

#: The oldest publication year the Resource Facility takes.
MIN_YEAR = 1950
#: Longest text per field (the model's ``max_length``).
LIMITS = {"ref": 100, "title": 300, "summary": 2000, "publisher": 200, "authors": 300,
          "licence": 120, "url": 500}  # fmt: skip


def max_year() -> int:
    """The newest year accepted: next year (forthcoming publications)."""
    return date.today().year + 1


def year_is_valid(year: int) -> bool:
    return MIN_YEAR <= year <= max_year()
