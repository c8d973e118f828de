from django.contrib import admin

from safercities.diagnosis.models import Assessment, ImportJob, Submission, SupportService


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["title", "city", "tool_version", "start", "end", "is_open"]
    list_filter = ["city", "tool_version__tool", "is_open"]
    search_fields = ["title", "ref"]
    raw_id_fields = ["tool_version", "created_by"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """Raw responses: site administrators only (the admin is staff-only)."""

    list_display = ["uuid", "assessment", "source", "submitted_at"]
    list_filter = ["source", "assessment__city"]
    search_fields = ["uuid"]
    raw_id_fields = ["assessment", "import_job", "created_by"]
    list_select_related = ["assessment"]

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["original_name", "assessment", "status", "created_count", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["assessment", "created_by"]
    readonly_fields = ["errors", "file_problems"]


@admin.register(SupportService)
class SupportServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "phone", "order"]
    list_filter = ["city"]
    search_fields = ["name"]
