from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from safercities.library.pdf import minimal_pdf
from safercities.network import services
from safercities.network.models import Attachment, Post, PostTranslation


def test_a_member_adds_a_translation_through_the_form(client_for, thread, make_user, establish):
    translator = establish(make_user(name="Kind Translator"))
    post = thread.posts.get(is_opening=True)
    response = client_for(translator).post(
        reverse("network:post_translate", args=[post.pk]),
        {"language": "km", "body": "តើអ្វីដែលមានប្រសិទ្ធភាព?"},
    )
    assert response.status_code == 302
    html = client_for(make_user(languages=["km"])).get(thread.get_absolute_url()).content.decode()
    assert "តើអ្វីដែលមានប្រសិទ្ធភាព?" in html and "Kind Translator" in html
    assert "What worked for you?" in html  # the original stays


def test_a_translation_into_the_posts_own_language_is_refused(client_for, thread, make_user):
    post = thread.posts.get(is_opening=True)
    response = client_for(make_user()).post(
        reverse("network:post_translate", args=[post.pk]), {"language": "en", "body": "Same"}
    )
    assert response.status_code == 200 and not PostTranslation.objects.exists()


def test_needs_translation_lists_posts_missing_a_widely_read_language(
    client_for, thread, make_user, make_thread, space
):
    for _ in range(3):
        make_user(languages=["th"])
    done = make_thread(space=space, author=make_user(), title="Already in Thai", language="th")
    reader = make_user(languages=["th"])
    html = client_for(reader).get(reverse("network:needs_translation")).content.decode()
    assert thread.title in html and done.title not in html
    post = thread.posts.get(is_opening=True)
    services.add_translation(reader, post, language="th", body="อะไรได้ผล?")
    html = (
        client_for(reader)
        .get(reverse("network:needs_translation") + "?language=th")
        .content.decode()
    )
    assert thread.title not in html


def test_a_pdf_is_attached_and_downloaded_but_a_program_is_refused(client_for, thread, member):
    client = client_for(member)
    pdf = SimpleUploadedFile("plan.pdf", minimal_pdf("Plan"), content_type="application/pdf")
    response = client.post(
        reverse("network:reply", args=[thread.pk]), {"body": "Our plan", "attachments": [pdf]}
    )
    assert response.status_code == 302
    program = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    response = client.post(
        reverse("network:reply", args=[thread.pk]), {"body": "Evil", "attachments": [program]}
    )
    assert (
        response.status_code == 400 and "Programs cannot be attached" in response.content.decode()
    )
    assert not Post.objects.filter(body="Evil").exists()
    attachment = Attachment.objects.get()
    download = client_for(None).get(attachment.get_absolute_url())
    body = b"".join(download.streaming_content)
    assert download.status_code == 200 and download["Content-Security-Policy"].startswith("sandbox")
    assert body.startswith(b"%PDF")
