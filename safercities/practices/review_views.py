"""Replicability review pages: editors assign reviewers and read reviews; reviewers review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safercities.practices import permissions, services
from safercities.practices.forms import AssignReviewerForm, ReviewForm
from safercities.practices.models import Review
from safercities.practices.scoring import summarize
from safercities.practices.views import criterion_rows, load_practice


@login_required
def assign_reviewers(request: HttpRequest, slug: str) -> HttpResponse:
    practice = load_practice(request, slug)
    permissions.check_can_assign_reviewers(request.user)
    form = AssignReviewerForm(request.POST or None, practice=practice)
    if request.method == "POST" and form.is_valid():
        assignment = services.assign_reviewer(request.user, practice, form.cleaned_data["reviewer"])
        messages.success(
            request,
            _("%(name)s is asked to review this practice.") % {"name": assignment.reviewer},
        )
        return redirect("practices:assign", slug=practice.slug)
    reviewed = set(practice.reviews.values_list("reviewer_id", flat=True))
    assignments = [
        (assignment, assignment.reviewer_id in reviewed)
        for assignment in practice.assignments.select_related("reviewer")
    ]
    return render(
        request,
        "practices/assign_reviewers.html",
        {"practice": practice, "form": form, "assignments": assignments},
    )


@login_required
@require_POST
def unassign_reviewer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    practice = load_practice(request, slug)
    permissions.check_can_assign_reviewers(request.user)
    assignment = get_object_or_404(practice.assignments, pk=pk)
    if services.unassign_reviewer(request.user, assignment):
        messages.success(request, _("The review request has been withdrawn."))
    else:
        messages.error(request, _("This reviewer has already reviewed; the review stays."))
    return redirect("practices:assign", slug=practice.slug)


@login_required
def review_practice(request: HttpRequest, slug: str) -> HttpResponse:
    practice = load_practice(request, slug)
    permissions.check_can_review(request.user, practice)
    existing = Review.objects.filter(practice=practice, reviewer=request.user).first()
    form = ReviewForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        services.submit_review(request.user, practice, form)
        messages.success(request, _("Thank you: your review has been saved."))
        return redirect(practice)
    return render(
        request,
        "practices/review_form.html",
        {"practice": practice, "form": form, "existing": existing},
    )


@login_required
def review_overview(request: HttpRequest, slug: str) -> HttpResponse:
    practice = load_practice(request, slug)
    permissions.check_can_see_reviews(request.user)
    reviews = list(practice.reviews.select_related("reviewer"))
    summary = summarize([review.scores() for review in reviews])
    reviewed = {review.reviewer_id for review in reviews}
    waiting = [
        assignment
        for assignment in practice.assignments.select_related("reviewer")
        if assignment.reviewer_id not in reviewed
    ]
    return render(
        request,
        "practices/review_overview.html",
        {
            "practice": practice,
            "reviews": reviews,
            "summary": summary,
            "rows": criterion_rows(summary),
            "waiting": waiting,
        },
    )
