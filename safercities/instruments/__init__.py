"""Survey instruments of the Safer Cities toolkit, in pure Python (no Django).

* :mod:`.model` — :class:`Instrument`, :class:`Question`, :class:`Choice`, :class:`Group`,
  JSON round-trip (``to_dict`` / ``Instrument.from_dict``) and :func:`validate_answers`.
* :mod:`.expressions` — safe parser/evaluator for the XLSForm expression subset.
* :mod:`.generic` — the three generic tools (``generic_instrument(slug)``).
* :mod:`.xlsform` — ``export_xlsform(instrument, path_or_file)``.
* :mod:`.fieldimport` — ``parse_export(...)`` for KoboToolbox and ODK exports.
* :mod:`.diff` — ``diff_versions``, ``check_localization``, ``side_by_side``.
* :mod:`.synthetic` — deterministic synthetic Kobo CSV exports and a benchmark.
"""

from .model import Choice, Group, Instrument, InstrumentError, Question, validate_answers

__all__ = ["Choice", "Group", "Instrument", "InstrumentError", "Question", "validate_answers"]
