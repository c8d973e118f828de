"""The member directory and what a member's expertise is made of.

Listed: active members with a confirmed email address who did not opt out. Expertise is what
members declare (profile themes) plus what they showed: accepted answers per theme and
practices they proposed that were published.
"""

from allauth.account.models import EmailAddress
from django.db.models import Count, Prefetch, Q, QuerySet

from safercities.accounts.models import User
from safercities.network.enums import PostStatus
from safercities.network.models import AcceptedAnswer, NetworkProfile
from safercities.taxonomy.models import Theme


def listed_members() -> QuerySet:
    confirmed = EmailAddress.objects.filter(verified=True).values("user_id")
    return (
        User.objects.filter(is_active=True, pk__in=confirmed)
        .exclude(network_profile__listed=False)
        .select_related("organisation", "city__country", "network_profile")
    )


def is_listed(user) -> bool:
    return listed_members().filter(pk=user.pk).exists()


def filter_directory(queryset: QuerySet, filters: dict) -> QuerySet:
    """Narrow by name/organisation words, city, country, organisation type, theme, language.

    Fields a member chose to hide do not match filters either.
    """
    if filters.get("q"):
        words = filters["q"]
        queryset = queryset.filter(
            Q(name__icontains=words)
            | (
                Q(organisation__name__icontains=words)
                & ~Q(network_profile__show_organisation=False)
            )
        )
    if filters.get("city"):
        queryset = queryset.filter(city__slug=filters["city"]).exclude(
            network_profile__show_city=False
        )
    if filters.get("country"):
        queryset = queryset.filter(city__country_id=filters["country"]).exclude(
            network_profile__show_city=False
        )
    if filters.get("org_type"):
        queryset = queryset.filter(organisation__kind=filters["org_type"]).exclude(
            network_profile__show_organisation=False
        )
    if filters.get("theme"):
        queryset = queryset.filter(themes__slug=filters["theme"]).exclude(
            network_profile__show_themes=False
        )
    if filters.get("language"):
        queryset = queryset.filter(languages__icontains=f'"{filters["language"]}"').exclude(
            network_profile__show_languages=False
        )
    return queryset.distinct()


def with_cards(queryset: QuerySet) -> QuerySet:
    """Everything a directory card shows, in a fixed number of queries."""
    return queryset.prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("slug"))
    ).annotate(
        accepted_answers=Count(
            "posts__acceptance",
            filter=Q(posts__status=PostStatus.VISIBLE),
            distinct=True,
        )
    )


def profile_of(user) -> NetworkProfile:
    try:
        return user.network_profile
    except NetworkProfile.DoesNotExist:
        return NetworkProfile(user=user)


def shown_expertise(user) -> dict:
    """Accepted answers per theme and published practices proposed, for the profile."""
    from safercities.practices.models import Practice

    per_theme = (
        AcceptedAnswer.objects.filter(post__author=user, post__status=PostStatus.VISIBLE)
        .values("thread__theme__slug")
        .annotate(count=Count("pk"))
        .order_by("-count")
    )
    themes = {t.slug: t for t in Theme.objects.all()}
    answers = [
        {"theme": themes.get(row["thread__theme__slug"]), "count": row["count"]}
        for row in per_theme
    ]
    practices = list(Practice.objects.published().filter(proposed_by=user).order_by("-pk")[:10])
    return {"answers": answers, "practices": practices}
