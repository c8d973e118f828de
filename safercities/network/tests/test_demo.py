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
