"""The city team's queue of incident reports awaiting checking (date, place, description)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from safercities.diagnosis import permissions
from safercities.diagnosis.enums import Verification
from safercities.diagnosis.models import Submission
from safercities.diagnosis.services import VerificationError, verify_report
from safercities.diagnosis.views import get_assessment

PER_PAGE = 20


@require_http_methods(["GET", "POST"])
def verification_queue(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(pk)
    permissions.check_can_view_raw(request.user, assessment)
    if request.method == "POST":
        submission = get_object_or_404(
            Submission, assessment=assessment, pk=request.POST.get("submission") or 0
        )
        decision = request.POST.get("decision", "")
        try:
            verify_report(request.user, submission, decision)
        except VerificationError:
            messages.error(request, _("This report was already checked or cannot be checked."))
        else:
            if decision == Verification.VERIFIED:
                messages.success(request, _("The report is verified and now counts."))
            else:
                messages.success(request, _("The report is rejected and will not count."))
        return redirect("diagnosis:verify", pk=assessment.pk)
    pending = (
        Submission.objects.filter(assessment=assessment).awaiting_verification().order_by("pk")
    )
    page = Paginator(pending, PER_PAGE).get_page(request.GET.get("page"))
    context = {"assessment": assessment, "is_team": True, "page": page}
    return render(request, "diagnosis/verify.html", context)
