from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from safercities.toolkit.models import Tool, ToolVersion


class ToolVersionInline(admin.TabularInline):
    model = ToolVersion
    fields = ("number", "city", "published", "locked", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Tool)
class ToolAdmin(admin.ModelAdmin):
    list_display = ("slug", "kind", "order")
    list_editable = ("order",)
    readonly_fields = ("slug", "kind")
    filter_horizontal = ("resources",)
    inlines = [ToolVersionInline]

    def has_add_permission(self, request) -> bool:
        return False  # the tools come from safercities.instruments.generic

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ToolVersion)
class ToolVersionAdmin(admin.ModelAdmin):
    list_display = ("tool", "label", "city", "number", "published", "locked", "created_at")
    list_filter = ("tool", "published", "locked", "city")
    readonly_fields = (
        "tool",
        "city",
        "number",
        "based_on",
        "definition",
        "languages",
        "change_reasons",
        "created_by",
        "created_at",
        "updated_at",
        "published",
        "published_at",
        "locked",
    )

    @admin.display(description=_("version"))
    def label(self, obj: ToolVersion) -> str:
        return obj.label

    def has_add_permission(self, request) -> bool:
        return False  # versions are made on the site, through the localization rules

    def has_delete_permission(self, request, obj=None) -> bool:
        return obj is None or obj.is_editable
