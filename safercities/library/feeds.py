"""Atom feeds of newly published resources: all of them, and per theme."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from safercities.core.feeds import SafeAtomFeed
from safercities.library.models import Resource
from safercities.taxonomy.models import Theme

FEED_SIZE = 30


class LatestResourcesFeed(Feed):
    feed_type = SafeAtomFeed

    def title(self, obj=None) -> str:
        return _("Safer Cities Hub: new resources")

    def subtitle(self, obj=None) -> str:
        return _(
            "Guides, tools, case studies and reports newly published in the Resource Facility."
        )

    def link(self, obj=None) -> str:
        return reverse("library:list")

    def feed_url(self, obj=None) -> str:
        return reverse("library:feed")

    def resources(self):
        return Resource.objects.published().newest_first().prefetch_related("themes")

    def items(self, obj=None):
        return self.resources()[:FEED_SIZE]

    def item_title(self, item: Resource) -> str:
        return item.title

    def item_description(self, item: Resource) -> str:
        return item.summary

    def item_link(self, item: Resource) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Resource) -> str:
        return f"safercities:resource:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Resource):
        return item.published_at

    def item_updateddate(self, item: Resource):
        return item.updated_at

    def item_author_name(self, item: Resource) -> str:
        return item.publisher or item.authors or ""

    def item_categories(self, item: Resource) -> list[str]:
        return [theme.slug for theme in item.themes.all()]


class ThemeResourcesFeed(LatestResourcesFeed):
    def get_object(self, request, slug: str) -> Theme:
        return get_object_or_404(Theme, slug=slug)

    def title(self, obj=None) -> str:
        return _("Safer Cities Hub: new resources on %(theme)s") % {"theme": obj.display_name}

    def link(self, obj=None) -> str:
        return reverse("library:list") + f"?theme={obj.slug}"

    def feed_url(self, obj=None) -> str:
        return reverse("library:theme_feed", args=[obj.slug])

    def items(self, obj=None):
        return self.resources().filter(themes=obj)[:FEED_SIZE]
