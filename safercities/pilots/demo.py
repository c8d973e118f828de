"""Demo pilots (invented): Bangkok with a plan built from its demo diagnosis, and Phnom Penh
in an earlier phase. Idempotent: keyed on the cities' pilots and stable titles."""

from datetime import date, timedelta

from django.utils import timezone

from safercities.accounts.models import Organisation, User
from safercities.diagnosis import computed, findings
from safercities.diagnosis.models import Assessment
from safercities.pilots import plan, problems, services
from safercities.pilots.enums import CommitteeRole, MeetingStatus, PhaseStatus
from safercities.pilots.models import Pilot
from safercities.places.models import City
from safercities.practices.models import Practice

TEAM_BKK = "team.bangkok@demo.safercities.invalid"
TEAM_PP = "team.phnompenh@demo.safercities.invalid"
PARTNER = "member@demo.safercities.invalid"

BKK_PHASES = {
    "diagnosis": (PhaseStatus.DONE, date(2024, 2, 1), date(2024, 6, 30)),
    "partnership": (PhaseStatus.DONE, date(2024, 5, 1), date(2024, 9, 30)),
    "strategy": (PhaseStatus.DONE, date(2024, 9, 1), date(2024, 12, 15)),
    "implementation": (PhaseStatus.IN_PROGRESS, date(2025, 1, 6), None),
    "monitoring": (PhaseStatus.IN_PROGRESS, date(2025, 1, 6), None),
}


def _phases(actor, pilot, phases: dict) -> None:
    for row in pilot.phases.all():
        if row.phase in phases:
            status, start, end = phases[row.phase]
            services.update_phase(
                actor, row, status=status, started_on=start, ended_on=end, notes=""
            )


def _seat(actor, pilot, *, slug=None, name="", role, community=False, user=None, rights=False):
    organisation = Organisation.objects.filter(slug=slug).first() if slug else None
    if slug and organisation is None:
        return None
    return services.add_committee_member(
        actor,
        pilot,
        organisation=organisation,
        organisation_name="" if organisation else name,
        community=community,
        person_name=user.name if user else "",
        user=user,
        role=role,
        can_update_interventions=rights,
    )


def _bangkok_findings(city) -> list:
    found = []
    audit = Assessment.objects.filter(ref="demo-bkk-safety-walks-2024", city=city).first()
    if audit is not None:
        summary = computed.summary(audit, public=False)
        low = sorted(findings.audit_findings(audit, summary), key=lambda f: f.figures["score"])
        found += low[:2]
    survey = Assessment.objects.filter(ref="demo-bkk-victimization-2024", city=city).first()
    if survey is not None:
        found += findings.survey_findings(survey, computed.summary(survey, public=True))[:1]
    reports = Assessment.objects.filter(ref="demo-bkk-incident-reports", city=city).first()
    if reports is not None:
        options = {"size": 0.005, "kind": "square", "permutations": 0, "fdr": True}
        try:
            result = computed.hotspot_analysis(reports, options)
            found += findings.hotspot_findings(reports, result)[:1]
        except ValueError:
            pass
    return found


APPROACHES = ["situational", "situational", "social", "institutional"]
REASONS = [
    "Lowest score in the safety walks; women avoid the area after dark.",
    "Second-lowest parameter; easy to act on with the district office.",
    "Clear gap between informal and formal neighbourhoods in the survey.",
    "Reports cluster here more than chance would give.",
]


def _bangkok_plan(actor, pilot, partner_seat) -> int:
    practices = list(Practice.objects.published().exclude(city=pilot.city).order_by("slug")[:4])
    today = timezone.localdate()
    made = 0
    for i, finding in enumerate(_bangkok_findings(pilot.city)):
        problem, created = problems.problem_from_finding(actor, pilot, finding)
        if not created:
            continue
        problems.update_problem(
            actor, problem, rank=i + 1, rank_reason=REASONS[i % 4], approach=APPROACHES[i % 4]
        )
        objective = plan.add_objective(
            actor, problem, title=f"Halve the problem “{problem.title}” by 2027 (demo)"
        )
        intervention = plan.create_intervention(
            actor,
            objective,
            title=f"Demo intervention {i + 1}: {problem.title}"[:200],
            description="Invented demo intervention.",
            approach=APPROACHES[i % 4],
            target_groups=["women", "settlement_residents"],
            lead_agency="Bangkok City Safety Office (demo)",
            lead_seat=partner_seat if i == 0 else None,
            budget=150000 + 50000 * i,
            currency="THB",
            funding_source="City budget (demo)",
            starts_on=date(2025, 1, 6),
            ends_on=date(2026, 12, 31),
            next_report_on=today + timedelta(days=5 + 30 * i),
            based_on=practices[i] if i < len(practices) else None,
        )
        for j, (title, weight) in enumerate(
            [("Agree the plan with residents", 1), ("Procure and install", 3), ("Review", 1)]
        ):
            milestone = plan.add_milestone(
                actor, intervention, title=title, weight=weight, due_on=date(2025, 3 + 4 * j, 1)
            )
            if j < i % 3:
                plan.complete_milestone(
                    actor, milestone, done_on=date(2025, 3 + 4 * j, 1), evidence="Demo report"
                )
        made += 1
    return made


def load(out) -> None:
    bangkok = City.objects.filter(slug="bangkok").first()
    team = User.objects.filter(email=TEAM_BKK).first()
    made = 0
    if bangkok is not None and team is not None and not Pilot.objects.filter(city=bangkok).exists():
        pilot = services.start_pilot(
            team,
            bangkok,
            title="Safer Bangkok (demo)",
            summary="Invented demo pilot: the city, community groups and partners act on the "
            "2024 diagnosis around Khlong Toei.",
        )
        _phases(team, pilot, BKK_PHASES)
        partner = User.objects.filter(email=PARTNER).first()
        _seat(team, pilot, slug="bkk-safety-office", role=CommitteeRole.CHAIR)
        _seat(team, pilot, slug="regional-cities-network", role=CommitteeRole.SECRETARIAT)
        partner_seat = _seat(
            team,
            pilot,
            slug="khlong-toei-women-network",
            role=CommitteeRole.PARTNER,
            community=True,
            user=partner,
            rights=partner is not None,
        )
        _seat(team, pilot, name="Khlong Toei youth volunteers (demo)", role=CommitteeRole.MEMBER,
              community=True)  # fmt: skip
        for held, title, status in [
            (date(2024, 5, 20), "Committee founding meeting (demo)", MeetingStatus.APPROVED),
            (date(2024, 11, 4), "Action plan review (demo)", MeetingStatus.APPROVED),
            (date(2025, 3, 10), "First progress review (demo)", MeetingStatus.DRAFT),
        ]:
            meeting = services.save_meeting(
                team, pilot, held_on=held, title=title, minutes="Invented demo minutes."
            )
            if status == MeetingStatus.APPROVED:
                services.approve_minutes(team, meeting)
        made = _bangkok_plan(team, pilot, partner_seat)
    phnom_penh = City.objects.filter(slug="phnom-penh").first()
    team_pp = User.objects.filter(email=TEAM_PP).first()
    if (
        phnom_penh is not None
        and team_pp is not None
        and not Pilot.objects.filter(city=phnom_penh).exists()
    ):
        pilot = services.start_pilot(
            team_pp,
            phnom_penh,
            title="Safer Phnom Penh (demo)",
            summary="Invented demo pilot in its first phase: the diagnosis is under way.",
        )
        _phases(team_pp, pilot, {"diagnosis": (PhaseStatus.IN_PROGRESS, date(2025, 2, 1), None)})
        _seat(team_pp, pilot, slug="pp-municipal-social-affairs", role=CommitteeRole.CHAIR)
        _seat(team_pp, pilot, slug="urban-safety-lab", role=CommitteeRole.MEMBER)
    out.write(f"pilots: {Pilot.objects.count()} pilots, {made} new demo interventions\n")
