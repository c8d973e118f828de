"""Pages of the Practice Library: list, detail, rubric, propose/edit, publish."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safercities.accounts.permissions import is_editor, is_member
from safercities.practices import permissions, services
from safercities.practices.adaptations import adaptations_of
from safercities.practices.enums import Criterion, PracticeStatus
from safercities.practices.forms import IndicatorFormSet, PracticeFilterForm, PracticeForm
from safercities.practices.models import Practice
from safercities.practices.rubric import RUBRIC, RULES
from safercities.practices.scoring import CRITERIA


def load_practice(request: HttpRequest, slug: str) -> Practice:
    """The practice at ``slug`` if the user may see it; 404 otherwise (drafts stay unknown)."""
    practice = get_object_or_404(Practice.objects.select_related("city", "country"), slug=slug)
    if not permissions.can_view_practice(request.user, practice):
        raise Http404
    return practice


def practice_list(request: HttpRequest) -> HttpResponse:
    show_drafts = request.GET.get("status") == PracticeStatus.DRAFT and is_member(request.user)
    if show_drafts:
        practices = permissions.filter_practices_queryset(request.user, Practice.objects.drafts())
    else:
        practices = Practice.objects.published()
    form = PracticeFilterForm(request.GET or None)
    practices = form.filter(practices).select_related("city", "country").prefetch_related("themes")
    page = Paginator(practices.order_by("title", "id"), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "practices/practice_list.html",
        {"page": page, "form": form, "show_drafts": show_drafts},
    )


def criterion_rows(summary) -> list[dict]:
    labels = dict(Criterion.choices)
    return [
        {
            "criterion": criterion,
            "label": labels[criterion],
            "mean": summary.means[criterion],
            "flagged": criterion in summary.flagged,
        }
        for criterion in CRITERIA
    ]


def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    practice = load_practice(request, slug)
    summary = practice.review_summary()
    user = request.user
    context = {
        "practice": practice,
        "summary": summary,
        "rows": criterion_rows(summary),
        "indicators": practice.indicators.all(),
        "partners": practice.partners.order_by("name"),
        "themes": practice.themes.all(),
        "resources": practice.resources.published().order_by("title"),
        "show_contact": is_member(user) and practice.contact_id and practice.contact.is_active,
        "can_edit": permissions.can_edit_practice(user, practice),
        "is_editor": is_editor(user),
        "is_reviewer": permissions.is_assigned_reviewer(user, practice),
        "adaptations": adaptations_of(practice),
    }
    return render(request, "practices/practice_detail.html", context)


def rubric(request: HttpRequest) -> HttpResponse:
    return render(request, "practices/rubric.html", {"rubric": RUBRIC, "rules": RULES})


@login_required
def practice_create(request: HttpRequest) -> HttpResponse:
    permissions.check_can_propose_practice(request.user)
    form = PracticeForm(request.POST or None)
    indicators = IndicatorFormSet(request.POST or None, prefix="indicators")
    if request.method == "POST" and form.is_valid() and indicators.is_valid():
        practice = services.propose_practice(request.user, form, indicators)
        if is_editor(request.user):
            messages.success(request, _("The practice is saved as a draft; publish it when ready."))
        else:
            messages.success(
                request, _("Thank you: an editor will look at your proposal before publishing it.")
            )
        return redirect(practice)
    return render(
        request,
        "practices/practice_form.html",
        {"form": form, "indicators": indicators, "practice": None},
    )


@login_required
def practice_edit(request: HttpRequest, slug: str) -> HttpResponse:
    practice = load_practice(request, slug)
    permissions.check_can_edit_practice(request.user, practice)
    form = PracticeForm(request.POST or None, instance=practice)
    indicators = IndicatorFormSet(request.POST or None, instance=practice, prefix="indicators")
    if request.method == "POST" and form.is_valid() and indicators.is_valid():
        practice = services.update_practice(request.user, form, indicators)
        messages.success(request, _("The practice has been saved."))
        return redirect(practice)
    return render(
        request,
        "practices/practice_form.html",
        {"form": form, "indicators": indicators, "practice": practice},
    )


@login_required
@require_POST
def practice_publish(request: HttpRequest, slug: str) -> HttpResponse:
    practice = load_practice(request, slug)
    permissions.check_can_publish_practice(request.user)
    if request.POST.get("action") == "unpublish":
        if services.unpublish_practice(request.user, practice):
            messages.success(request, _("The practice is a draft again; only editors see it."))
    elif services.publish_practice(request.user, practice):
        messages.success(request, _("The practice is published."))
    return redirect(practice)
