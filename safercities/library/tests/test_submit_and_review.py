"""Members submit through the form; editors review from the queue; all with plain POST forms."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from safercities.library.enums import ResourceStatus
from safercities.library.models import Resource
from safercities.library.tests import samples
from safercities.notifications.models import Notification

pytestmark = pytest.mark.django_db


def form_data(**extra) -> dict:
    data = {
        "title": "Lighting audit in Khlong Toei",
        "summary": "How residents mapped dark spots.",
        "body": "## Method\n\nWe walked at night.",
        "language": "th",
        "resource_type": "case_study",
        "year": "2021",
        "audience": ["community", "local_government"],
    }
    data.update(extra)
    return data


def test_a_member_saves_a_draft_through_the_form(client_for, member, theme, city_a):
    client = client_for(member)
    response = client.post("/library/new/", form_data(themes=[theme.pk], cities=[city_a.pk]))
    resource = Resource.objects.get()
    assert response.status_code == 302 and response["Location"] == resource.get_absolute_url()
    assert resource.status == ResourceStatus.DRAFT
    assert resource.submitter == member
    assert list(resource.themes.all()) == [theme] and list(resource.cities.all()) == [city_a]
    assert resource.audience == ["community", "local_government"]
    assert "<h2>Method</h2>" in resource.body_html


def test_save_and_submit_sends_the_draft_to_the_editors(client_for, member):
    client_for(member).post("/library/new/", form_data(submit_now="1"))
    assert Resource.objects.get().status == ResourceStatus.SUBMITTED


def test_the_form_refuses_an_unknown_language_and_a_silly_year(client_for, member):
    response = client_for(member).post("/library/new/", form_data(language="xx", year="3021"))
    assert response.status_code == 200
    assert not Resource.objects.exists()
    errors = response.context["form"].errors
    assert "language" in errors and "year" in errors


def test_visitors_are_sent_to_log_in(client):
    response = client.get("/library/new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_author_edits_a_draft_but_not_a_submitted_resource(client_for, member, make_resource):
    resource = make_resource(status=ResourceStatus.DRAFT, submitter=member)
    client = client_for(member)
    client.post(f"/library/{resource.pk}/edit/", form_data(title="Better title"))
    resource.refresh_from_db()
    assert resource.title == "Better title"
    resource.status = ResourceStatus.SUBMITTED
    resource.save()
    assert client.get(f"/library/{resource.pk}/edit/").status_code == 403
    assert client.post(f"/library/{resource.pk}/edit/", form_data()).status_code == 403


def test_another_member_cannot_edit_or_submit(client_for, member, make_user, make_resource):
    resource = make_resource(status=ResourceStatus.DRAFT, submitter=member)
    client = client_for(make_user())
    assert client.get(f"/library/{resource.pk}/edit/").status_code == 404
    assert client.post(f"/library/{resource.pk}/submit/").status_code == 404
    assert Resource.objects.get(pk=resource.pk).status == ResourceStatus.DRAFT


def test_an_editor_publishes_from_the_queue(client_for, member, editor, make_resource):
    resource = make_resource(status=ResourceStatus.SUBMITTED, submitter=member, title="Queue me")
    client = client_for(editor)
    assert "Queue me" in client.get("/library/review/").content.decode()
    response = client.post(
        f"/library/{resource.pk}/review/", {"action": "publish", "next": "/library/review/"}
    )
    assert response.status_code == 302 and response["Location"] == "/library/review/"
    assert Resource.objects.get(pk=resource.pk).status == ResourceStatus.PUBLISHED
    queue = client.get("/library/review/").content.decode()
    assert "Published: “Queue me”." in queue  # the confirmation message
    assert f'href="/library/{resource.pk}/"' not in queue


def test_requesting_changes_without_a_comment_is_refused(client_for, member, editor, make_resource):
    resource = make_resource(status=ResourceStatus.SUBMITTED, submitter=member)
    client = client_for(editor)
    response = client.post(
        f"/library/{resource.pk}/review/", {"action": "request_changes"}, follow=True
    )
    assert "Please tell the author what to change." in response.content.decode()
    assert Resource.objects.get(pk=resource.pk).status == ResourceStatus.SUBMITTED
    client.post(
        f"/library/{resource.pk}/review/", {"action": "request_changes", "comment": "Add sources."}
    )
    assert Resource.objects.get(pk=resource.pk).status == ResourceStatus.CHANGES_REQUESTED


def test_the_submitter_sees_the_editor_comment_on_the_resource_and_in_my_submissions(
    client_for, member, editor, make_resource
):
    resource = make_resource(status=ResourceStatus.SUBMITTED, submitter=member, title="Walk kit")
    client_for(editor).post(
        f"/library/{resource.pk}/review/",
        {"action": "request_changes", "comment": "Cite the survey."},
    )
    client = client_for(member)
    detail = client.get(resource.get_absolute_url()).content.decode()
    assert "Cite the survey." in detail and "Submit for review" in detail
    mine = client.get("/library/mine/").content.decode()
    assert "Walk kit" in mine and "Changes requested" in mine
    assert "The editors ask for changes to “Walk kit”." in mine
    assert "Cite the survey." in mine


def test_members_cannot_review(client_for, member, make_resource):
    resource = make_resource(status=ResourceStatus.SUBMITTED, submitter=member)
    response = client_for(member).post(f"/library/{resource.pk}/review/", {"action": "publish"})
    assert response.status_code == 403
    assert Resource.objects.get(pk=resource.pk).status == ResourceStatus.SUBMITTED


def test_an_invalid_transition_from_the_ui_shows_an_error_and_changes_nothing(
    client_for, editor, make_resource
):
    resource = make_resource(status=ResourceStatus.DRAFT)
    response = client_for(editor).post(
        f"/library/{resource.pk}/review/", {"action": "publish"}, follow=True
    )
    assert "cannot be done" in response.content.decode()
    assert Resource.objects.get(pk=resource.pk).status == ResourceStatus.DRAFT


def test_editors_archive_published_resources(client_for, editor, make_resource):
    resource = make_resource()
    client_for(editor).post(f"/library/{resource.pk}/archive/")
    assert Resource.objects.get(pk=resource.pk).status == ResourceStatus.ARCHIVED


def test_the_notifications_page_lists_and_marks_notifications_read(
    client_for, member, editor, make_resource
):
    resource = make_resource(
        status=ResourceStatus.SUBMITTED, submitter=member, title="Bright lanes"
    )
    client_for(editor).post(f"/library/{resource.pk}/review/", {"action": "publish"})
    client = client_for(member)
    assert client.get("/library/notifications/")["Location"] == "/notifications/"
    page = client.get("/notifications/").content.decode()
    assert "Your resource “Bright lanes” has been published." in page
    assert "1 unread notification." in page
    client.post("/notifications/")
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()
    assert "unread notification" not in client.get("/notifications/").content.decode()


def test_notifications_are_private(client_for, member, make_user, editor, make_resource):
    resource = make_resource(status=ResourceStatus.SUBMITTED, submitter=member, title="Mine only")
    client_for(editor).post(f"/library/{resource.pk}/review/", {"action": "publish"})
    other = client_for(make_user())
    assert "Mine only" not in other.get("/notifications/").content.decode()
    assert "Mine only" not in other.get("/library/mine/").content.decode()


def test_a_renamed_program_is_refused_with_a_clear_form_error(client_for, member):
    upload = SimpleUploadedFile("report.pdf", samples.ELF, content_type="application/pdf")
    response = client_for(member).post("/library/new/", form_data(file=upload))
    assert response.status_code == 200
    assert not Resource.objects.exists()
    assert "This file is a program, not a document" in response.content.decode()


def test_a_windows_program_named_like_a_document_is_refused(client_for, member):
    upload = SimpleUploadedFile("minutes.docx", samples.PE, content_type="application/msword")
    response = client_for(member).post("/library/new/", form_data(file=upload))
    assert "file" in response.context["form"].errors
    assert not Resource.objects.exists()


def test_a_real_pdf_is_accepted_and_stored_under_a_random_name(
    client_for, member, pdf_bytes, settings
):
    upload = SimpleUploadedFile("../../etc/passwd.exe", pdf_bytes, content_type="text/plain")
    client_for(member).post("/library/new/", form_data(file=upload))
    resource = Resource.objects.get()
    assert resource.file_type == "application/pdf"
    assert resource.file_size == len(pdf_bytes)
    assert resource.file.name.startswith("library/") and resource.file.name.endswith(".pdf")
    assert "passwd" not in resource.file.name
    assert (settings.MEDIA_ROOT / resource.file.name).read_bytes() == pdf_bytes


def test_a_docx_is_accepted(client_for, member):
    upload = SimpleUploadedFile("notes.docx", samples.docx_bytes())
    client_for(member).post("/library/new/", form_data(file=upload))
    assert Resource.objects.get().file.name.endswith(".docx")


def test_files_over_the_size_limit_are_refused(client_for, member, monkeypatch):
    from safercities.library import files

    monkeypatch.setattr(files, "MAX_UPLOAD_BYTES", 1000)
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 2000)
    response = client_for(member).post("/library/new/", form_data(file=upload))
    assert "too large" in response.content.decode()
    assert not Resource.objects.exists()


def test_replacing_and_removing_the_file(
    client_for, member, pdf_bytes, settings, django_capture_on_commit_callbacks
):
    client = client_for(member)
    client.post("/library/new/", form_data(file=SimpleUploadedFile("a.pdf", pdf_bytes)))
    resource = Resource.objects.get()
    first = settings.MEDIA_ROOT / resource.file.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/library/{resource.pk}/edit/",
            form_data(file=SimpleUploadedFile("b.png", samples.PNG)),
        )
    resource.refresh_from_db()
    assert resource.file_type == "image/png" and not first.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/library/{resource.pk}/edit/", form_data(remove_file="on"))
    resource.refresh_from_db()
    assert not resource.file and resource.file_size == 0


def test_a_translation_joins_the_group_and_is_listed_as_also_available(
    client_for, member, make_resource
):
    english = make_resource(title="Safety audit guide", language="en")
    client = client_for(member)
    client.post(
        "/library/new/",
        form_data(title="คู่มือการตรวจความปลอดภัย", translation_of=f"/library/{english.pk}/"),
    )
    thai = Resource.objects.get(language="th")
    assert thai.translation_group == english.translation_group
    thai.status = ResourceStatus.PUBLISHED
    thai.save()
    body = client.get(english.get_absolute_url()).content.decode()
    assert "Also available in:" in body
    assert f'href="/library/{thai.pk}/" lang="th"' in body and "ไทย" in body
