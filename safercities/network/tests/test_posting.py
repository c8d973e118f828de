import pytest

from safercities.core.models import AuditLogEntry
from safercities.network import services
from safercities.network.enums import PostStatus, ThreadKind
from safercities.network.models import Post, Thread
from safercities.network.trust import Refused


def test_an_established_member_starts_a_visible_question(space, member, establish):
    establish(member)
    thread = services.start_thread(
        member,
        space,
        title="Lighting a market lane",
        body="What **worked**?",
        kind=ThreadKind.QUESTION,
    )
    assert thread.status == PostStatus.VISIBLE
    assert thread.theme == space.theme
    opening = thread.posts.get()
    assert opening.is_opening and "<strong>worked</strong>" in opening.body_html
    assert AuditLogEntry.objects.filter(action="thread.started", object_id=str(thread.pk)).exists()


def test_a_new_members_first_post_waits_for_approval(space, member):
    thread = services.start_thread(member, space, title="Hello", body="My first question")
    assert thread.status == PostStatus.PENDING
    assert thread.posts.get().status == PostStatus.PENDING


def test_an_unconfirmed_account_always_waits_for_approval(space, make_user, make_thread):
    person = make_user(verified=False)
    make_thread(space=space, author=person)  # an approved post does not make up for no email
    thread = services.start_thread(person, space, title="Hi", body="Question")
    assert thread.status == PostStatus.PENDING


def test_the_language_is_preset_from_the_khmer_script(space, member, establish):
    establish(member)
    thread = services.start_thread(member, space, title="ការបំភ្លឺផ្លូវ", body="តើធ្វើដូចម្តេចដើម្បីបំភ្លឺផ្សារ?")
    assert thread.language == "km"
    assert thread.posts.get().language == "km"


def test_latin_text_takes_the_language_of_the_profile(space, make_user, establish):
    person = establish(make_user(languages=["vi", "en"]))
    thread = services.start_thread(person, space, title="Chiếu sáng", body="Chợ đêm an toàn")
    assert thread.language == "vi"


def test_the_authors_choice_of_language_wins(space, member, establish):
    establish(member)
    thread = services.start_thread(member, space, title="T", body="ไทย", language="en")
    assert thread.language == "en"


def test_an_unknown_language_is_refused_naming_the_field(space, member):
    with pytest.raises(Refused) as info:
        services.start_thread(member, space, title="T", body="B", language="xx")
    assert info.value.field == "language"


def test_a_reply_counts_and_moves_the_thread_up(thread, make_user, establish):
    peer = establish(make_user())
    post = services.reply(peer, thread, body="Solar lamps on poles.")
    thread.refresh_from_db()
    assert post.status == PostStatus.VISIBLE
    assert thread.reply_count == 1
    assert thread.last_post_at == post.created_at


def test_a_pending_reply_does_not_count(thread, make_user):
    newcomer = make_user()
    post = services.reply(newcomer, thread, body="Hi")
    thread.refresh_from_db()
    assert post.status == PostStatus.PENDING and thread.reply_count == 0


def test_replies_to_hidden_or_merged_threads_are_refused(thread, member, space, make_thread):
    Thread.objects.filter(pk=thread.pk).update(status=PostStatus.HIDDEN)
    with pytest.raises(Refused):
        services.reply(member, thread, body="Still here?")
    other = make_thread(space=space, author=member)
    Thread.objects.filter(pk=other.pk).update(merged_into=thread)
    with pytest.raises(Refused):
        services.reply(member, other, body="Still here?")
    assert not Post.objects.filter(body="Still here?").exists()


def test_new_members_may_post_only_a_few_links(space, member):
    body = "See https://a.example https://b.example https://c.example"
    with pytest.raises(Refused) as info:
        services.start_thread(member, space, title="Links", body=body)
    assert info.value.code == "too_many_links"
    assert not Thread.objects.filter(title="Links").exists()


def test_posting_is_rate_limited(thread, member):
    from safercities.network.trust import POST_RATE, TrustLevel

    allowed, _minutes = POST_RATE[TrustLevel.BASIC]
    while Post.objects.filter(author=member).count() < allowed:
        services.reply(member, thread, body="Another reply")
    with pytest.raises(Refused) as info:
        services.reply(member, thread, body="One too many")
    assert info.value.code == "rate_limited"


def test_hostile_markdown_is_sanitised(thread, member):
    post = services.reply(
        member,
        thread,
        body="<script>alert(1)</script>[x](javascript:alert(1)) <img src=x onerror=1>",
    )
    assert "<script" not in post.body_html and "javascript:" not in post.body_html
    assert "onerror" not in post.body_html


def test_control_characters_are_dropped_and_blank_or_huge_posts_refused(thread, member):
    post = services.reply(member, thread, body="Null\x00 byte")
    assert post.body == "Null byte"
    with pytest.raises(Refused) as blank:
        services.reply(member, thread, body=" \x00 ")
    assert blank.value.code == "blank"
    with pytest.raises(Refused) as huge:
        services.reply(member, thread, body="x" * (services.MAX_BODY + 1))
    assert huge.value.code == "too_long"


def test_an_edit_keeps_the_previous_text_as_a_revision(thread, member):
    post = thread.posts.get(is_opening=True)
    services.edit_post(member, post, body="Better question")
    assert post.revisions.get().body == "What worked for you?"
    assert post.edited_at is not None


def test_the_asker_accepts_an_answer_with_its_context(thread, member, make_user, establish):
    from safercities.places.models import Country

    peer = establish(make_user())
    answer = services.reply(peer, thread, body="Solar lamps")
    acceptance = services.accept_answer(
        member,
        answer,
        city_size="large",
        country=Country.objects.get(code="KH"),
        intervention="situational",
        note="Phnom Penh night market, 2024",
    )
    thread.refresh_from_db()
    assert thread.is_answered and acceptance.note.startswith("Phnom Penh")
    with pytest.raises(Refused):
        services.accept_answer(member, answer)
    assert services.unaccept_answer(member, answer)
    thread.refresh_from_db()
    assert not thread.is_answered


def test_the_opening_post_or_a_discussion_reply_cannot_be_accepted(
    thread, member, space, make_thread
):
    with pytest.raises(Refused):
        services.accept_answer(member, thread.posts.get(is_opening=True))
    talk = make_thread(space=space, author=member, kind=ThreadKind.DISCUSSION)
    reply = services.reply(member, talk, body="Agreed")
    with pytest.raises(Refused):
        services.accept_answer(member, reply)


def test_a_member_adds_a_translation_beside_the_original(thread, make_user, establish):
    translator = establish(make_user())
    post = thread.posts.get(is_opening=True)
    translation = services.add_translation(translator, post, language="th", body="อะไรได้ผล?")
    assert translation.translator == translator and post.body == "What worked for you?"
    with pytest.raises(Refused):
        services.add_translation(translator, post, language="en", body="Same language")


def test_mentions_find_members_by_name_with_underscores(make_user):
    dara = make_user(name="Dara Sok")
    assert services.mentioned_users("Thanks @Dara_Sok and @nobody") == [dara]
