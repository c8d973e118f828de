from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from safercities.accounts.models import ApiToken, CityTeamMembership, Organisation, User


class CityTeamInline(admin.TabularInline):
    model = CityTeamMembership
    extra = 0
    autocomplete_fields = ["city"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "organisation", "city", "is_editor", "is_trainer", "is_staff"]
    list_filter = ["is_editor", "is_trainer", "is_staff", "is_superuser", "is_demo", "is_active"]
    search_fields = ["email", "name"]
    autocomplete_fields = ["organisation", "city"]
    inlines = [CityTeamInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Profile"),
            {
                "fields": (
                    "name",
                    "organisation",
                    "position",
                    "city",
                    "languages",
                    "themes",
                    "bio",
                    "phone",
                    "contact_visible",
                    "ui_language",
                )
            },
        ),
        (
            _("Roles"),
            {
                "fields": (
                    "is_active",
                    "is_editor",
                    "is_trainer",
                    "is_staff",
                    "is_superuser",
                    "is_demo",
                )
            },
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "country", "city"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["city"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["label", "user", "prefix", "created_at", "last_used_at"]
    readonly_fields = ["key_hash", "prefix", "created_at", "last_used_at"]
