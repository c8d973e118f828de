"""Background tasks of the notifications app (run by ``manage.py db_worker``)."""

from safercities.core.taskapi import task
from safercities.notifications.digests import send_digests


@task()
def send_digests_task(frequency: str) -> dict:
    """Send the due ``daily`` or ``weekly`` digests; safe to run twice (see ``digests``)."""
    run = send_digests(frequency)
    return {
        "frequency": run.frequency,
        "period_start": run.period_start.isoformat(),
        "members": run.members,
        "sent": run.sent,
        "skipped": run.skipped,
    }


@task()
def notify_many_task(
    recipient_ids: list[int],
    verb: str,
    target: list | None = None,
    actor_id: int | None = None,
    language: str = "",
    url: str = "",
    data: dict | None = None,
) -> int:
    """``notify_many`` in the worker; ``target`` is ``[content_type_id, pk]`` (see
    ``services.notify_many_later``). A target deleted meanwhile notifies nobody."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    from safercities.notifications.services import notify_many

    target_object = None
    if target:
        model = ContentType.objects.get_for_id(int(target[0])).model_class()
        target_object = model._default_manager.filter(pk=target[1]).first() if model else None
        if target_object is None:
            return 0
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    return notify_many(
        recipient_ids, verb, target_object, actor=actor, language=language, url=url, data=data
    )
