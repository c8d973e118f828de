from django.contrib import admin

from safercities.notifications.models import Digest, Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "verb", "title", "delivery", "created_at", "read_at"]
    list_filter = ["verb", "delivery"]
    raw_id_fields = ["recipient", "actor", "digest"]
    search_fields = ["recipient__email", "title"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "verb", "delivery", "updated_at"]
    list_filter = ["verb", "delivery"]
    raw_id_fields = ["user"]


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ["user", "frequency", "period_start", "listed", "other_languages", "sent_at"]
    list_filter = ["frequency"]
    raw_id_fields = ["user"]
