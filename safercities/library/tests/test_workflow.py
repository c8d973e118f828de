"""The workflow: draft → submitted → published | changes requested | rejected; → archived."""

import pytest
from django.core import mail

from safercities.core.models import AuditLogEntry
from safercities.library import services
from safercities.library.enums import ResourceStatus
from safercities.library.models import Resource
from safercities.library.services import TransitionError
from safercities.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(member):
    return services.save_resource(
        member,
        None,
        {"title": "Safety walk checklist", "language": "en", "resource_type": "tool"},
    )


def actions(resource) -> list[str]:
    return list(
        AuditLogEntry.objects.for_object(resource).order_by("id").values_list("action", flat=True)
    )


def test_a_member_creates_a_draft_they_own(member, draft):
    assert draft.status == ResourceStatus.DRAFT
    assert draft.submitter == member
    assert actions(draft) == ["resource.created"]


def test_the_full_path_to_publication_is_recorded(member, editor, draft):
    services.submit_resource(member, draft)
    assert draft.status == ResourceStatus.SUBMITTED and draft.submitted_at
    services.publish_resource(editor, draft)
    draft.refresh_from_db()
    assert draft.status == ResourceStatus.PUBLISHED
    assert draft.published_at is not None and draft.reviewed_by == editor
    services.archive_resource(editor, draft)
    draft.refresh_from_db()
    assert draft.status == ResourceStatus.ARCHIVED
    assert actions(draft) == [
        "resource.created",
        "resource.submitted",
        "resource.published",
        "resource.archived",
    ]


def test_changes_requested_go_back_to_the_author_who_submits_again(member, editor, draft):
    services.submit_resource(member, draft)
    services.request_changes(editor, draft, "Please add the year and the publisher.")
    draft.refresh_from_db()
    assert draft.status == ResourceStatus.CHANGES_REQUESTED
    assert draft.editor_comment == "Please add the year and the publisher."
    services.submit_resource(member, draft)
    assert Resource.objects.get(pk=draft.pk).status == ResourceStatus.SUBMITTED
    entry = AuditLogEntry.objects.get(action="resource.changes_requested")
    assert entry.data["comment"] == "Please add the year and the publisher."


def test_requesting_changes_needs_a_comment(member, editor, draft):
    services.submit_resource(member, draft)
    with pytest.raises(ValueError):
        services.request_changes(editor, draft, "   ")
    assert Resource.objects.get(pk=draft.pk).status == ResourceStatus.SUBMITTED


def test_a_rejected_resource_keeps_the_editor_comment(member, editor, draft):
    services.submit_resource(member, draft)
    services.reject_resource(editor, draft, "Out of scope for the Hub.")
    draft.refresh_from_db()
    assert draft.status == ResourceStatus.REJECTED
    assert draft.editor_comment == "Out of scope for the Hub."


@pytest.mark.parametrize(
    ("status", "verb"),
    [
        (ResourceStatus.DRAFT, "publish_resource"),
        (ResourceStatus.DRAFT, "archive_resource"),
        (ResourceStatus.PUBLISHED, "submit_resource"),
        (ResourceStatus.PUBLISHED, "publish_resource"),
        (ResourceStatus.REJECTED, "publish_resource"),
        (ResourceStatus.REJECTED, "submit_resource"),
        (ResourceStatus.ARCHIVED, "archive_resource"),
        (ResourceStatus.SUBMITTED, "archive_resource"),
        (ResourceStatus.SUBMITTED, "submit_resource"),
    ],
)
def test_invalid_transitions_are_refused_with_a_clear_error(make_resource, editor, status, verb):
    resource = make_resource(status=status)
    with pytest.raises(TransitionError) as error:
        getattr(services, verb)(editor, resource)
    assert "cannot be done" in str(error.value)
    assert Resource.objects.get(pk=resource.pk).status == status
    assert not AuditLogEntry.objects.for_object(resource).exists()


def test_the_transition_is_checked_against_the_database_not_a_stale_object(make_resource, editor):
    resource = make_resource(status=ResourceStatus.SUBMITTED)
    stale = Resource.objects.get(pk=resource.pk)
    services.reject_resource(editor, resource)
    with pytest.raises(TransitionError):
        services.publish_resource(editor, stale)


def test_submitting_tells_the_editors_but_not_the_submitter(member, editor, draft):
    services.submit_resource(member, draft)
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "Safety walk checklist" in mail.outbox[0].subject
    told = Notification.objects.get(verb="resource.submitted")
    assert told.recipient == editor and told.actor == member
    assert not Notification.objects.filter(recipient=member).exists()


def test_publishing_notifies_the_submitter_by_mail_and_on_the_site(member, editor, draft):
    services.submit_resource(member, draft)
    mail.outbox.clear()
    services.publish_resource(editor, draft)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert "Safety walk checklist" in message.subject
    assert f"/library/{draft.pk}/" in message.body
    notification = Notification.objects.get(recipient=member)
    assert notification.verb == "resource.published"
    assert notification.url == f"/library/{draft.pk}/"
    assert notification.read_at is None
    assert "has been published" in notification.message


def test_a_change_request_mail_carries_the_editor_comment(member, editor, draft):
    services.submit_resource(member, draft)
    mail.outbox.clear()
    services.request_changes(editor, draft, "Add a summary in Thai.")
    assert "Add a summary in Thai." in mail.outbox[0].body
    assert "Please edit the resource and submit it again." in mail.outbox[0].body
    assert Notification.objects.get(recipient=member).comment == "Add a summary in Thai."


def test_the_mail_is_rendered_in_the_submitter_interface_language(member, editor, draft):
    member.ui_language = "th"
    member.save()
    services.submit_resource(member, draft)
    mail.outbox.clear()
    services.publish_resource(editor, draft)
    assert mail.outbox[0].to == [member.email]
    assert "เผยแพร่แล้ว" in mail.outbox[0].subject  # "has been published" in Thai


def test_resources_without_a_submitter_notify_nobody(make_resource, editor):
    resource = make_resource(status=ResourceStatus.SUBMITTED)
    services.publish_resource(editor, resource)
    assert mail.outbox == [] and not Notification.objects.exists()


def test_every_verb_reindexes_the_resource(member, editor, draft, monkeypatch):
    calls = []
    monkeypatch.setattr(services, "reindex", lambda resource: calls.append(resource.status))
    services.submit_resource(member, draft)
    services.publish_resource(editor, draft)
    services.archive_resource(editor, draft)
    assert calls == ["submitted", "published", "archived"]


def test_editing_a_published_resource_reindexes_it(make_resource, editor, monkeypatch):
    resource = make_resource()
    calls = []
    monkeypatch.setattr(services, "reindex", lambda r: calls.append(r.pk))
    services.save_resource(editor, resource, {"title": "New title"})
    assert calls == [resource.pk]
    assert actions(resource) == ["resource.updated"]


def test_downloads_are_counted_in_the_database(make_resource):
    resource = make_resource()
    services.count_download(resource)
    services.count_download(resource)
    resource.refresh_from_db()
    assert resource.download_count == 2
