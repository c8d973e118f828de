from django.contrib import admin

from safercities.library.indexing import reindex
from safercities.library.models import Collection, CollectionItem, Resource


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "language", "resource_type", "status", "published_at"]
    list_filter = ["status", "resource_type", "language", "themes"]
    search_fields = ["title", "summary", "ref", "publisher"]
    autocomplete_fields = ["submitter", "reviewed_by"]
    filter_horizontal = ["themes", "countries", "cities"]
    readonly_fields = ["file_type", "file_size", "translation_group", "created_at", "updated_at"]
    date_hierarchy = "published_at"

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        reindex(form.instance)  # the admin bypasses the verbs: keep search in step


class CollectionItemInline(admin.TabularInline):
    model = CollectionItem
    autocomplete_fields = ["resource"]
    extra = 1


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "is_published", "updated_at"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CollectionItemInline]
