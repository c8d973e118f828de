import io

from django.core.management import call_command

from safercities.network.models import AcceptedAnswer, Post, Space, Thread


def test_the_demo_loads_discussions_in_at_least_five_languages_twice_without_duplicates(db):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    counts = (Space.objects.count(), Thread.objects.count(), Post.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Space.objects.count(), Thread.objects.count(), Post.objects.count()) == counts
    languages = set(Post.objects.values_list("language", flat=True))
    assert len(languages) >= 5 and {"km", "th", "vi", "id", "zh-Hans"} <= languages
    assert AcceptedAnswer.objects.exists()
    assert "network:" in out.getvalue()
    assert not Post.objects.exclude(author__email__endswith=".invalid").exists()


def test_every_demo_page_answers_for_a_visitor_and_a_member(db, client):
    from django.urls import reverse

    from safercities.accounts.models import User

    call_command("load_demo", stdout=io.StringIO())
    public = Thread.objects.filter(space__visibility="public")
    private = Thread.objects.exclude(space__visibility="public")
    for thread in public:
        assert client.get(thread.get_absolute_url()).status_code == 200
    for thread in private:
        assert client.get(thread.get_absolute_url()).status_code == 404
    client.force_login(User.objects.get(email="team.phnompenh@demo.safercities.invalid"))
    for url in [
        "/network/",
        "/members/",
        "/messages/",
        "/network/questions/",
        "/network/needs-translation/",
        "/network/following/",
        "/network/moderation/",
    ]:
        assert client.get(url).status_code == 200, url
    for thread in Thread.objects.exclude(space__slug="tot-cohort-2026"):
        assert client.get(thread.get_absolute_url()).status_code == 200
    html = client.get(reverse("network:needs_translation")).content.decode()
    assert "ខ្មែរ" in html or "English" in html
