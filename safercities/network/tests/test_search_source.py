from safercities.network import services
from safercities.network.indexing import searchable_threads, thread_to_document
from safercities.search.engine import search
from safercities.search.params import SearchRequest


def test_a_public_thread_becomes_a_discussion_document_with_its_accepted_answers(
    thread, member, make_post, make_user
):
    answer = make_post(thread=thread, author=make_user(), body="Solar lamps on poles")
    services.accept_answer(member, answer, note="Phnom Penh night market")
    doc = thread_to_document(searchable_threads().get(pk=thread.pk))
    assert doc.kind == "discussion" and doc.themes == ["womens-safety"]
    assert "What worked for you?" in doc.text and "Solar lamps" in doc.text
    assert "Phnom Penh night market" in doc.text


def test_threads_in_private_spaces_are_never_searchable(make_space, make_thread, member):
    private = make_thread(space=make_space(visibility="members"), author=member)
    assert not searchable_threads().filter(pk=private.pk).exists()


def test_an_accepted_answer_is_found_by_the_one_search_until_it_is_hidden(
    thread, member, editor, make_post, make_user, django_capture_on_commit_callbacks
):
    from safercities.network import moderation

    answer = make_post(thread=thread, author=make_user(), body="Reflective paint on kerbs")
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_answer(member, answer)
    results = search(SearchRequest(q="reflective kerbs", kinds=("discussion",)))
    assert [hit.url for hit in results.hits] == [thread.get_absolute_url()]
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide(editor, answer, "spam")
    results = search(SearchRequest(q="reflective kerbs", kinds=("discussion",)))
    assert results.hits == []
