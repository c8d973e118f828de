from django.contrib import admin

from safercities.training.models import Certificate, Event, Registration, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ("title", "starts_at", "ends_at", "guest_speakers")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "starts_at", "capacity", "seats_taken", "is_published")
    list_filter = ("kind", "is_published")
    search_fields = ("title", "slug")
    filter_horizontal = ("organisers",)
    inlines = [SessionInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("event", "user", "status", "code", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("event", "user")


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("code", "participant_name", "event_title", "issued_at", "revoked_at")
    search_fields = ("code", "participant_name")
    readonly_fields = ("code",)
