"""Counts per repeat group: entries per respondent and, for the victimization survey's
``incidents`` repeat, the reporting rate per incident (ICVS asks the follow-up per incident).

Everything is computed from the stored answers in one streamed pass; rates are
:mod:`safercities.stats.survey` estimates (Wilson interval, small cells suppressed by
:mod:`safercities.stats.disclosure`), unweighted: incidents, not people, are counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from safercities.diagnosis.records import INCIDENT_CRIME, INCIDENT_REPORTED, INCIDENTS
from safercities.instruments.model import Instrument
from safercities.stats.survey import Estimate, reporting_rate


@dataclass
class RepeatCount:
    name: str
    respondents: int = 0  # submissions
    with_entries: int = 0  # submissions with at least one entry
    entries: int = 0
    #: crime → (incidents, reporting rate per incident) for the ``incidents`` repeat
    per_crime: dict[str, tuple[int, Estimate]] = field(default_factory=dict)

    @property
    def per_respondent(self) -> float | None:
        return self.entries / self.respondents if self.respondents else None


def repeat_counts(instrument: Instrument, answers: Iterable[Mapping]) -> list[RepeatCount]:
    """One :class:`RepeatCount` per repeat group of ``instrument``."""
    counts = {group.name: RepeatCount(group.name) for group in instrument.repeats}
    if not counts:
        return []
    incidents: dict[str, list[dict]] = {}
    for submission in answers:
        for name, count in counts.items():
            count.respondents += 1
            entries = submission.get(name)
            if not isinstance(entries, list) or not entries:
                continue
            count.with_entries += 1
            count.entries += len(entries)
            if name != INCIDENTS:
                continue
            for entry in entries:
                crime = entry.get(INCIDENT_CRIME) if isinstance(entry, Mapping) else None
                if isinstance(crime, str):
                    reported = entry.get(INCIDENT_REPORTED)
                    incidents.setdefault(crime, []).append(
                        {crime: 1, "reported": {"yes": True, "no": False}.get(reported)}
                    )
    if INCIDENTS in counts:
        crimes = [c.name for c in instrument.choice_lists.get("crime_type", [])]
        for crime in crimes or sorted(incidents):
            rows = incidents.get(crime, [])
            rate = reporting_rate(rows, crime, reported_field="reported")
            counts[INCIDENTS].per_crime[crime] = (len(rows), rate)
    return list(counts.values())
