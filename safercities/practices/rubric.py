"""The replicability rubric: what each best-practice criterion asks, and what 1, 3 and 5 mean.

Adapted from the UN-Habitat / Dubai International Award best-practice criteria. Reviewers
score every criterion from 1 to 5 (2 and 4 lie between the anchors below) and give a reason.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from safercities.practices.enums import Criterion
from safercities.practices.scoring import DISAGREEMENT_GAP, MIN_REVIEWS


@dataclass(frozen=True)
class RubricEntry:
    criterion: str
    question: Promise
    levels: tuple[tuple[int, Promise], ...]

    @property
    def label(self) -> str:
        return Criterion(self.criterion).label


RUBRIC: tuple[RubricEntry, ...] = (
    RubricEntry(
        Criterion.IMPACT,
        _("Did the practice bring a tangible improvement in safety, especially for the poor?"),
        (
            (1, _("No measurable change, or change only in activities carried out.")),
            (3, _("Some improvement shown for the people reached, with limited evidence.")),
            (5, _("Clear, measured improvement for the poorest and most affected people.")),
        ),
    ),
    RubricEntry(
        Criterion.PARTNERSHIP,
        _(
            "Did at least two actors (local government, community, civil society, police, "
            "private sector…) plan and carry it out together?"
        ),  # fmt: skip
        (
            (1, _("One organisation acted alone; others were only informed.")),
            (3, _("Two or more partners shared the work, with one clearly leading.")),
            (5, _("A lasting partnership with shared decisions, resources and responsibility.")),
        ),
    ),
    RubricEntry(
        Criterion.SUSTAINABILITY,
        _("Did it bring lasting change in policy, institutions, management or resources?"),
        (
            (1, _("Ended with its project funding; nothing remains.")),
            (3, _("Parts continue, but depend on one person, budget line or donor.")),
            (5, _("Written into policy or a regular budget, run by institutions that remain.")),
        ),
    ),
    RubricEntry(
        Criterion.LEADERSHIP,
        _(
            "Did it build leadership and give the community, especially residents of informal "
            "settlements, a real say and role?"
        ),  # fmt: skip
        (
            (1, _("Decided and done for the community without it.")),
            (3, _("The community was consulted and took part in some activities.")),
            (5, _("Community members led decisions and now run parts of it themselves.")),
        ),
    ),
    RubricEntry(
        Criterion.INCLUSION,
        _(
            "Did it address the different needs of women, men, girls, boys and vulnerable "
            "groups, and include them?"
        ),  # fmt: skip
        (
            (1, _("Did not consider gender or vulnerable groups.")),
            (3, _("Considered women's or a vulnerable group's needs in some activities.")),
            (5, _("Designed with and for women and vulnerable groups; results shown for them.")),
        ),
    ),
    RubricEntry(
        Criterion.INNOVATION,
        _("Was it new in its local context, and could another city carry it over?"),
        (
            (1, _("Common practice locally, or tied to conditions found nowhere else.")),
            (3, _("New locally; another city could adapt it with some effort and support.")),
            (
                5,
                _(
                    "New locally, documented well enough and already adapted or adaptable "
                    "elsewhere at modest cost."
                ),
            ),  # fmt: skip
        ),
    ),
)

RULES = {"min_reviews": MIN_REVIEWS, "gap": DISAGREEMENT_GAP, "threshold": "3.5"}
