from django.contrib import admin

from safercities.practices.models import (
    CityProfile,
    Indicator,
    Practice,
    Review,
    ReviewAssignment,
)


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


class AssignmentInline(admin.TabularInline):
    model = ReviewAssignment
    extra = 0
    autocomplete_fields = ["reviewer"]
    readonly_fields = ["assigned_by", "assigned_at"]


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "city", "country", "status", "is_replicable", "language"]
    list_filter = ["status", "is_replicable", "language", "country"]
    search_fields = ["title", "slug", "problem"]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["city", "contact", "proposed_by", "partners"]
    filter_horizontal = ["themes"]
    readonly_fields = ["is_replicable", "published_at"]
    inlines = [IndicatorInline, AssignmentInline]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["practice", "reviewer", "submitted_at", "updated_at"]
    search_fields = ["practice__title", "reviewer__email"]

    # Reviews are written by assigned reviewers on the site, where saving one also updates the
    # practice's replicable mark and the search index: the admin only shows them.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CityProfile)
class CityProfileAdmin(admin.ModelAdmin):
    list_display = ["city", "budget_band", "updated_at"]
    autocomplete_fields = ["city"]
    filter_horizontal = ["concern_themes"]
