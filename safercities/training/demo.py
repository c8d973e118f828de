"""Demo training events (all invented): a past expert group meeting, a past regional training
of trainers with participants, attendance and certificates, and an upcoming sensitisation
workshop with a waiting list. Idempotent: each event is keyed on its slug.
"""

from datetime import datetime, timedelta  # noqa: F401
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.db.models import F
from django.utils import timezone

from safercities.accounts.models import User
from safercities.library.models import Resource
from safercities.training import certificates, services
from safercities.training.enums import RegistrationStatus
from safercities.training.models import Event, Registration

TRAINER_EMAIL = "trainer@demo.safercities.invalid"
BANGKOK = ZoneInfo("Asia/Bangkok")
# Invented participants (names are made up; addresses use the reserved .invalid domain).
PARTICIPANTS = [
    ("ttp.anong@demo.safercities.invalid", "Anong Demo-Participant", "th"),
    ("ttp.vannak@demo.safercities.invalid", "Vannak Demo-Participant", "km"),
    ("ttp.thu@demo.safercities.invalid", "Thu Demo-Participant", "vi"),
    ("ttp.sari@demo.safercities.invalid", "Sari Demo-Participant", "id"),
    ("ttp.wei@demo.safercities.invalid", "Wei Demo-Participant", "zh-hans"),
    ("ttp.noor@demo.safercities.invalid", "Noor Demo-Participant", "en"),
]
DEMO_PASSWORD = "demo-safer-2026"  # noqa: S105 - the demo's shared password


def _participants() -> list[User]:
    people = []
    for email, name, language in PARTICIPANTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
        user.name, user.ui_language, user.is_demo = name, language, True
        user.bio = "An invented person for the demo."
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        people.append(user)
    return people


def _event(trainer, slug, start: datetime, days: int, **data) -> Event | None:
    if Event.objects.filter(slug=slug).exists():
        return None
    return services.save_event(
        trainer,
        None,
        {
            "slug": slug,
            "starts_at": start,
            "ends_at": start + timedelta(days=days - 1, hours=8),
            "time_zone": "Asia/Bangkok",
            **data,
        },
    )


def _agenda(trainer, event, titles, materials=()):
    sessions = []
    for index, title in enumerate(titles):
        day, slot = divmod(index, 2)
        start = event.starts_at + timedelta(days=day, hours=4 * slot)
        sessions.append(
            services.save_session(
                trainer,
                event,
                None,
                {
                    "title": title,
                    "starts_at": start,
                    "ends_at": start + timedelta(hours=3),
                    "speakers": [trainer],
                    "guest_speakers": "Dr. Invented Speaker (demo)",
                    "materials": list(materials[index : index + 1]),
                },
            )
        )
    return sessions


def _seat(event, user) -> Registration:
    """Demo participants of a past event: confirmed directly (registration is closed)."""
    registration = Registration.objects.create(
        event=event, user=user, status=RegistrationStatus.CONFIRMED
    )
    Event.objects.filter(pk=event.pk).update(seats_taken=F("seats_taken") + 1)
    return registration


def load(out) -> None:
    trainer = User.objects.filter(email=TRAINER_EMAIL).first()
    if trainer is None:
        out.write("training: demo trainer missing, skipped\n")
        return
    materials = list(Resource.objects.published().order_by("id")[:6])
    made = []

    egm = _event(
        trainer, "demo-expert-group-meeting-2026",
        (timezone.now() - timedelta(days=60)).astimezone(BANGKOK).replace(hour=9, minute=0, second=0, microsecond=0),
        2,
        title="Expert group meeting on pro-poor urban safety (demo)",
        kind="expert_group_meeting",
        summary="Invented demo event: experts identify issues, research and innovative practices.",
        place="Bangkok, demo conference room", languages=["en"], capacity=25,
        audience="Researchers, city officials, NGOs", issuer="Safer Cities Hub (demo)",
        registration_open=False,
    )  # fmt: skip
    if egm:
        _agenda(
            trainer,
            egm,
            [
                "Issues in informal settlements",
                "Research gaps",
                "Innovative practices",
                "Recommendations",
            ],
            materials,
        )
        made.append(egm)

    tot = _event(
        trainer, "demo-regional-training-of-trainers",
        (timezone.now() - timedelta(days=30)).astimezone(BANGKOK).replace(hour=9, minute=0, second=0, microsecond=0),
        3,
        title="Regional training of trainers: women's safety audits (demo)",
        kind="training_of_trainers",
        summary="Invented demo training in support of pilot projects.",
        place="Bangkok, demo training centre", languages=["en", "th", "km", "vi"], capacity=20,
        audience="Trainers from pilot cities", issuer="Regional Local Government Training Institute (demo)",
        attendance_rule=80,
    )  # fmt: skip
    if tot:
        sessions = _agenda(
            trainer, tot,
            ["Why safety audits", "Planning an audit", "Field practice", "Analysing findings", "Training others", "Action planning"],
            materials,
        )  # fmt: skip
        for index, user in enumerate(_participants()):
            registration = _seat(tot, user)
            attended = sessions if index < 5 else sessions[:3]  # the last one misses half
            for session in attended:
                services.check_in(trainer, session, registration.code)
        Event.objects.filter(pk=tot.pk).update(registration_open=False)
        certificates.issue_certificates(trainer, tot)
        made.append(tot)

    workshop = _event(
        trainer, "demo-un-guidelines-sensitisation-workshop",
        (timezone.now() + timedelta(days=21)).astimezone(BANGKOK).replace(hour=9, minute=0, second=0, microsecond=0),
        1,
        title="Sensitisation workshop on the UN Guidelines for the Prevention of Crime (demo)",
        kind="sensitisation_workshop",
        summary="Invented demo workshop on the eight basic principles of the Guidelines.",
        place="Phnom Penh, demo city hall", online_url="https://meet.example.org/demo-workshop",
        languages=["km", "en"], capacity=3, audience="Municipal officers and community leaders",
        issuer="Safer Cities Hub (demo)",
    )  # fmt: skip
    if workshop:
        _agenda(
            trainer,
            workshop,
            ["The eight basic principles", "What our city already does"],
            materials,
        )
        services.add_question(
            trainer, workshop, "Which department or organisation do you work for?", required=True
        )
        people = User.objects.filter(email__in=[e for e, *_ in PARTICIPANTS[:4]]).order_by("email")
        for user in people:  # three seats, the fourth person waits
            services.register(user, workshop, {str(workshop.questions.get().pk): "Demo department"})
        made.append(workshop)
    out.write(f"training: {len(made)} demo events\n")
