"""The bulk import page for editors: upload a CSV/JSONL file, watch it, see bad rows."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from safercities.library import permissions
from safercities.library.import_jobs import start_resource_import
from safercities.library.models import ResourceImport

MAX_UPLOAD_MB = 50


class ResourceImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (.csv or .jsonl, UTF-8)"),
        help_text=_("One resource per row; the columns are listed below."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.jsonl"}),
    )
    publish = forms.BooleanField(
        label=_("Publish the imported resources at once"),
        required=False,
        help_text=_("Otherwise new resources wait in the review queue."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".jsonl")):
            raise forms.ValidationError(_("Upload a .csv or .jsonl file."))
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(max)s MB.") % {"max": MAX_UPLOAD_MB}
            )
        return upload


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    permissions.check_can_review(request.user)
    form = ResourceImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = start_resource_import(
            request.user, form.cleaned_data["file"], publish=form.cleaned_data["publish"]
        )
        return redirect(job)
    jobs = ResourceImport.objects.select_related("created_by")[:20]
    return render(request, "library/import.html", {"form": form, "jobs": jobs})


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.check_can_review(request.user)
    job = get_object_or_404(ResourceImport, pk=pk)
    template = "library/import_job.html"
    if getattr(request, "htmx", False) and not request.htmx.boosted:
        template += "#status"
    response = render(request, template, {"job": job})
    response["Cache-Control"] = "private, no-store"
    response["Vary"] = "HX-Request"
    return response
