"""Organisation pages: list, page, create (pending), edit, verify, archive, merge, members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safercities.accounts import invitations, organisations, permissions
from safercities.accounts.enums import InvitationKind, OrganisationStatus, OrganisationType
from safercities.accounts.forms import MergeForm, OrganisationForm
from safercities.accounts.forms_roles import InvitationForm
from safercities.accounts.models import Invitation, Organisation, OrganisationMembership


def _visible(request: HttpRequest):
    return permissions.filter_organisations_queryset(
        request.user, Organisation.objects.select_related("country", "city")
    )


def _load(request: HttpRequest, slug: str) -> Organisation:
    """The organisation, or 404 when the user may not see it (pending ones: creator, admins)."""
    organisation = get_object_or_404(
        Organisation.objects.select_related("country", "city", "merged_into"), slug=slug
    )
    if not permissions.can_see_organisation(request.user, organisation):
        from django.http import Http404

        raise Http404
    return organisation


def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations_qs = _visible(request)
    kind = request.GET.get("type", "")
    if kind in OrganisationType.values:
        organisations_qs = organisations_qs.filter(kind=kind)
    else:
        kind = ""
    page = Paginator(organisations_qs, 30).get_page(request.GET.get("page"))
    waiting = (
        Organisation.objects.pending().order_by("name")
        if permissions.is_site_admin(request.user)
        else []
    )
    return render(
        request,
        "accounts/organisation_list.html",
        {"page": page, "kinds": OrganisationType.choices, "kind": kind, "waiting": waiting},
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _load(request, slug)
    if organisation.merged_into_id and not permissions.is_site_admin(request.user):
        return redirect(organisation.merged_into.get_absolute_url(), permanent=False)
    memberships = organisations.members_queryset(organisation)
    is_admin = permissions.is_organisation_admin(request.user, organisation)
    own = (
        memberships.filter(user=request.user).first()
        if permissions.is_member(request.user)
        else None
    )
    context = {
        "organisation": organisation,
        "confirmed": [m for m in memberships if m.is_confirmed]
        if permissions.is_member(request.user)
        else [],
        "pending": [m for m in memberships if not m.is_confirmed] if is_admin else [],
        "is_admin": is_admin,
        "is_site_admin": permissions.is_site_admin(request.user),
        "own": own,
        "invite_form": InvitationForm(lead_label=_("Invite as organisation admin"))
        if is_admin
        else None,
        "open_invitations": Invitation.objects.open().filter(
            kind=InvitationKind.ORGANISATION, organisation=organisation
        )
        if is_admin
        else [],
    }
    return render(request, "accounts/organisation_detail.html", context)


@login_required
def organisation_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    organisation = _load(request, slug) if slug else None
    if organisation is None:
        permissions.check_member(request.user)
    else:
        permissions.check_can_manage_organisation(request.user, organisation)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if organisation is None:
            organisations.create_organisation(request.user, saved)
            if saved.status == OrganisationStatus.PENDING:
                messages.success(
                    request,
                    _("Thank you. The page is visible to you now and listed once verified."),
                )
        else:
            organisations.update_organisation(request.user, saved, form.changed_data)
            messages.success(request, _("The organisation has been saved."))
        return redirect(saved.get_absolute_url())
    return render(
        request,
        "accounts/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
@require_POST
def organisation_status(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _load(request, slug)
    permissions.check_site_admin(request.user)
    verbs = {
        "verify": (organisations.verify_organisation, _("The organisation is verified.")),
        "archive": (organisations.archive_organisation, _("The organisation is archived.")),
        "restore": (organisations.restore_organisation, _("The organisation is restored.")),
    }
    choice = verbs.get(request.POST.get("action", ""))
    if choice is None:
        messages.error(request, _("Unknown action."))
    else:
        try:
            choice[0](request.user, organisation)
        except organisations.OrganisationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, choice[1])
    return redirect(organisation.get_absolute_url())


@login_required
def organisation_merge(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _load(request, slug)
    permissions.check_site_admin(request.user)
    form = MergeForm(request.POST or None, source=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            target = organisations.merge_organisations(
                request.user, organisation, form.cleaned_data["into"]
            )
        except organisations.OrganisationError as exc:
            form.add_error("into", str(exc))
        else:
            messages.success(
                request,
                _("%(source)s has been merged into %(target)s.")
                % {"source": organisation.name, "target": target.name},
            )
            return redirect(target.get_absolute_url())
    return render(
        request, "accounts/organisation_merge.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_POST
def organisation_join(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _load(request, slug)
    permissions.check_member(request.user)
    try:
        organisations.join_organisation(request.user, organisation)
    except organisations.OrganisationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Sent: the organisation's admins will confirm."))
    return redirect(organisation.get_absolute_url())


@login_required
@require_POST
def organisation_member(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _load(request, slug)
    membership = get_object_or_404(
        OrganisationMembership.objects.select_related("user"), pk=pk, organisation=organisation
    )
    action = request.POST.get("action", "")
    leaving = action == "remove" and membership.user_id == request.user.pk
    if not leaving:
        permissions.check_can_manage_organisation(request.user, organisation)
    verbs = {
        "confirm": lambda: organisations.confirm_member(request.user, membership),
        "admin": lambda: organisations.set_admin(request.user, membership, True),
        "unadmin": lambda: organisations.set_admin(request.user, membership, False),
        "remove": lambda: organisations.remove_member(request.user, membership),
    }
    if action not in verbs:
        messages.error(request, _("Unknown action."))
        return redirect(organisation.get_absolute_url())
    try:
        verbs[action]()
    except organisations.OrganisationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The members have been updated."))
    return redirect(organisation.get_absolute_url())


@login_required
@require_POST
def organisation_invite(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _load(request, slug)
    permissions.check_can_manage_organisation(request.user, organisation)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitations.invite(
                request.user,
                form.cleaned_data["email"],
                organisation=organisation,
                as_lead=form.cleaned_data["as_lead"],
                message=form.cleaned_data["message"],
            )
        except invitations.InvitationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
    else:
        messages.error(request, _("Enter a valid email address."))
    return redirect(organisation.get_absolute_url())
