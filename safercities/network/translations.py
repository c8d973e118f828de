"""Which languages posts should be translated into, and which posts still lack one."""

from collections import Counter

from django.db.models import Exists, OuterRef, QuerySet

from safercities.accounts.models import User
from safercities.core.languages import CONTENT_LANGUAGES
from safercities.network.enums import PostStatus
from safercities.network.models import Post, PostTranslation

MIN_SHARE = 0.10  # a language "many members read": read by at least a tenth of members…
MIN_READERS = 2  # …and by at least two of them


def readers_per_language() -> Counter:
    counts: Counter = Counter()
    for languages in User.objects.filter(is_active=True).values_list("languages", flat=True):
        counts.update(code for code in set(languages or []) if code in CONTENT_LANGUAGES)
    return counts


def wanted_languages() -> list[tuple[str, int]]:
    """Languages read by many members, most read first, with their reader counts."""
    counts = readers_per_language()
    total = User.objects.filter(is_active=True).count() or 1
    return [
        (code, n) for code, n in counts.most_common() if n >= MIN_READERS and n / total >= MIN_SHARE
    ]


def needing_translation(posts: QuerySet, language: str) -> QuerySet:
    """Visible posts not written in ``language`` and without a translation into it."""
    translated = PostTranslation.objects.filter(post=OuterRef("pk"), language=language)
    return (
        posts.filter(status=PostStatus.VISIBLE, thread__status=PostStatus.VISIBLE)
        .exclude(language=language)
        .exclude(Exists(translated))
    )


def all_posts() -> QuerySet:
    return Post.objects.filter(thread__merged_into__isnull=True)
