from datetime import timedelta

import pytest
from django.utils import timezone

from safercities.training import services


@pytest.fixture
def participant(make_user):
    return make_user(email="participant@example.org", name="Lan Nguyen", ui_language="vi")


@pytest.fixture
def another_member(make_user):
    return make_user(email="another@example.org", name="Sokha Chan", ui_language="km")


@pytest.fixture
def make_event(trainer):
    def make(*, capacity: int = 30, organiser=None, **extra):
        start = extra.pop("starts_at", None) or (timezone.now() + timedelta(days=10)).replace(
            second=0, microsecond=0
        )
        data = {
            "slug": extra.pop("slug", f"event-{start.timestamp():.0f}-{capacity}"),
            "title": extra.pop("title", "Regional training of trainers on safety audits"),
            "kind": extra.pop("kind", "training_of_trainers"),
            "starts_at": start,
            "ends_at": extra.pop("ends_at", start + timedelta(days=2)),
            "time_zone": extra.pop("time_zone", "Asia/Bangkok"),
            "place": extra.pop("place", "Bangkok, UN Conference Centre"),
            "capacity": capacity,
            "languages": extra.pop("languages", ["en", "th"]),
            **extra,
        }
        return services.save_event(organiser or trainer, None, data)

    return make


@pytest.fixture
def event(make_event):
    return make_event()


@pytest.fixture
def make_session(trainer):
    def make(event, *, title="Opening", hours_from_start=0, length=2):
        start = event.starts_at + timedelta(hours=hours_from_start)
        return services.save_session(
            trainer,
            event,
            None,
            {"title": title, "starts_at": start, "ends_at": start + timedelta(hours=length)},
        )

    return make


@pytest.fixture
def make_resource(db, editor):
    from safercities.library.enums import ResourceStatus
    from safercities.library.models import Resource

    def make(*, title: str = "A guide"):
        return Resource.objects.create(
            title=title,
            language="en",
            resource_type="guide",
            status=ResourceStatus.PUBLISHED,
            submitter=editor,
            published_at=timezone.now(),
        )

    return make
