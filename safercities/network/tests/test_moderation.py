import pytest
from django.urls import reverse

from safercities.core.models import AuditLogEntry
from safercities.network import moderation, services
from safercities.network.enums import PostStatus
from safercities.network.models import Post, Report, SpaceMembership, Thread
from safercities.network.trust import Refused


def test_a_member_reports_a_post_with_a_reason(client_for, thread, make_post, make_user):
    post = make_post(thread=thread, author=make_user(), body="Spam spam")
    reporter = make_user()
    response = client_for(reporter).post(
        reverse("network:post_report", args=[post.pk]), {"reason": "spam", "note": "ads"}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.post == post and report.reason == "spam" and report.reporter == reporter


def test_a_report_without_a_valid_reason_is_refused(client_for, thread, make_user):
    post = thread.posts.get(is_opening=True)
    response = client_for(make_user()).post(
        reverse("network:post_report", args=[post.pk]), {"reason": "nonsense"}
    )
    assert response.status_code == 200 and not Report.objects.exists()


def test_the_queue_shows_pending_and_reported_posts_to_editors_only(
    client_for, thread, make_post, make_user, editor, member
):
    make_post(thread=thread, author=make_user(), body="Waiting post", status=PostStatus.PENDING)
    reported = make_post(thread=thread, author=make_user(), body="Reported post")
    moderation.report(member, post=reported, reason="abuse")
    html = client_for(editor).get(reverse("network:queue")).content.decode()
    assert "Waiting post" in html and "Reported post" in html
    assert client_for(member).get(reverse("network:queue")).status_code == 403


def test_a_moderator_hides_a_post_with_a_reason_and_it_is_audited(
    client_for, thread, make_post, make_user, editor
):
    post = make_post(thread=thread, author=make_user(), body="Rude")
    response = client_for(editor).post(
        reverse("network:post_moderate", args=[post.pk]), {"action": "hide", "reason": "Insults"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN and post.moderation_reason == "Insults"
    entry = AuditLogEntry.objects.get(action="post.hidden")
    assert entry.data["reason"] == "Insults"
    thread.refresh_from_db()
    assert thread.reply_count == 0


def test_hiding_needs_a_reason(client_for, thread, make_post, make_user, editor):
    post = make_post(thread=thread, author=make_user())
    client_for(editor).post(reverse("network:post_moderate", args=[post.pk]), {"action": "hide"})
    post.refresh_from_db()
    assert post.status == PostStatus.VISIBLE


def test_a_member_cannot_moderate(client_for, thread, make_post, make_user, member):
    post = make_post(thread=thread, author=make_user())
    response = client_for(member).post(
        reverse("network:post_moderate", args=[post.pk]), {"action": "hide", "reason": "x"}
    )
    assert response.status_code == 403


def test_approving_a_first_post_makes_it_and_its_thread_visible(space, make_user, editor):
    newcomer = make_user()
    thread = services.start_thread(newcomer, space, title="First", body="Hi all")
    post = thread.posts.get()
    assert moderation.approve(editor, post)
    thread.refresh_from_db()
    assert thread.status == PostStatus.VISIBLE
    # the newcomer is no longer new: the next post goes straight through
    assert services.reply(newcomer, thread, body="Thanks").status == PostStatus.VISIBLE


def test_restore_brings_a_hidden_post_back(thread, make_post, make_user, editor):
    post = make_post(thread=thread, author=make_user())
    moderation.hide(editor, post, "Mistake?")
    assert moderation.restore(editor, post)
    thread.refresh_from_db()
    assert thread.reply_count == 1


def test_a_space_moderator_moderates_only_their_space(
    client_for, thread, make_post, make_user, make_space, make_thread
):
    moderator = make_user()
    SpaceMembership.objects.create(space=thread.space, user=moderator, is_moderator=True)
    post = make_post(thread=thread, author=make_user())
    other_thread = make_thread(space=make_space(), author=make_user())
    other = make_post(thread=other_thread, author=make_user())
    client = client_for(moderator)
    client.post(reverse("network:post_moderate", args=[post.pk]), {"action": "hide", "reason": "r"})
    response = client.post(
        reverse("network:post_moderate", args=[other.pk]), {"action": "hide", "reason": "r"}
    )
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN and response.status_code == 403
    assert client.get(reverse("network:queue")).status_code == 200


def test_a_moderator_locks_a_thread_with_a_reason(client_for, thread, editor):
    url = reverse("network:thread_moderate", args=[thread.pk])
    response = client_for(editor).post(url, {"action": "lock", "lock-reason": "Resolved"})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.is_locked
    assert AuditLogEntry.objects.filter(action="thread.locked").exists()


def test_a_moderator_moves_a_thread_to_another_space(client_for, thread, editor, make_space):
    target = make_space(slug="lighting")
    url = reverse("network:thread_moderate", args=[thread.pk])
    client_for(editor).post(
        url, {"action": "move", "move-space": "lighting", "move-reason": "Fits"}
    )
    thread.refresh_from_db()
    assert thread.space == target


def test_moving_to_an_unknown_space_says_so(client_for, thread, editor):
    url = reverse("network:thread_moderate", args=[thread.pk])
    response = client_for(editor).post(
        url, {"action": "move", "move-space": "nowhere", "move-reason": "Fits"}
    )
    assert response.status_code == 400 and "There is no space" in response.content.decode()


def test_split_moves_chosen_replies_into_a_new_thread(
    client_for, thread, make_post, make_user, editor
):
    a = make_post(thread=thread, author=make_user(), body="Off topic one")
    b = make_post(thread=thread, author=make_user(), body="Off topic two")
    keep = make_post(thread=thread, author=make_user(), body="On topic")
    url = reverse("network:thread_moderate", args=[thread.pk])
    client_for(editor).post(
        url,
        {
            "action": "split",
            "split-title": "Side topic",
            "split-posts": f"{a.pk}, {b.pk}",
            "split-reason": "Separate",
        },
    )
    new = Thread.objects.get(title="Side topic")
    assert list(new.posts.in_order()) == [a, b]
    assert Post.objects.get(pk=a.pk).is_opening
    keep.refresh_from_db()
    thread.refresh_from_db()
    assert keep.thread == thread and thread.reply_count == 1 and new.reply_count == 1


def test_merge_moves_every_post_and_the_old_address_redirects(
    client, thread, make_thread, make_user, editor
):
    source = make_thread(space=thread.space, author=make_user(), title="Duplicate")
    moderation.merge(editor, source, thread, "Same question")
    source.refresh_from_db()
    thread.refresh_from_db()
    assert source.merged_into == thread and thread.posts.count() == 2
    assert thread.posts.filter(is_opening=True).count() == 1
    response = client.get(source.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    with pytest.raises(Refused):
        moderation.merge(editor, thread, thread, "self")


def test_edit_history_is_visible_to_moderators_only(client_for, thread, member, editor):
    post = thread.posts.get(is_opening=True)
    services.edit_post(member, post, body="Edited text")
    url = reverse("network:post_edit", args=[post.pk])
    assert "What worked for you?" in client_for(editor).get(url).content.decode()
    assert "What worked for you?" not in client_for(member).get(url).content.decode()
