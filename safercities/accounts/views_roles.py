"""Pages for roles: ask for one, decide requests, grant/remove, undo; a city team's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safercities.accounts import invitations, permissions, roles
from safercities.accounts.enums import InvitationKind
from safercities.accounts.forms_roles import (
    DecisionForm,
    GrantRoleForm,
    InvitationForm,
    RoleRequestForm,
)
from safercities.accounts.models import CityTeamMembership, Invitation, RoleRequest, User
from safercities.core.models import AuditLogEntry
from safercities.places.models import City


def _changes_for(user, limit: int = 30) -> list[AuditLogEntry]:
    """Recent role changes the user may undo (site admins: all; leads: their teams)."""
    changes = roles.role_changes()
    if not permissions.is_site_admin(user):
        changes = changes.filter(data__city_id__in=list(permissions.led_city_ids(user)))
    entries = list(changes[:limit])
    undone = roles.undone_entry_ids(entries)
    for entry in entries:
        entry.is_undone = entry.pk in undone
        entry.role_label = roles.role_label(entry.data.get("role", "member"))
    return entries


@login_required
def role_overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = RoleRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            roles.request_role(
                user,
                form.cleaned_data["role"],
                reason=form.cleaned_data["reason"],
                city=form.cleaned_data["city"],
            )
        except roles.RoleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your request has been sent. You will get an email."))
            return redirect("accounts:roles")
    to_decide = permissions.filter_role_requests_queryset(
        user, RoleRequest.objects.pending().select_related("user", "city")
    )
    can_undo = permissions.is_site_admin(user) or bool(permissions.led_city_ids(user))
    return render(
        request,
        "accounts/roles.html",
        {
            "form": form,
            "my_requests": user.role_requests.select_related("city")[:20],
            "held": sorted(str(r.label) for r in _held_roles(user)),
            "teams": user.city_teams.select_related("city"),
            "to_decide": to_decide,
            "decision_form": DecisionForm(),
            "changes": _changes_for(user) if can_undo else [],
        },
    )


def _held_roles(user):
    from safercities.accounts.enums import Role

    return [Role(r) for r in permissions.roles_of(user) if r not in (Role.MEMBER,)]


@login_required
@require_POST
def role_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    role_request = get_object_or_404(RoleRequest.objects.select_related("user", "city"), pk=pk)
    permissions.check_can_decide_request(request.user, role_request)
    form = DecisionForm(request.POST)
    response = form.cleaned_data["response"] if form.is_valid() else ""
    verbs = {"approve": roles.approve_request, "decline": roles.decline_request}
    verb = verbs.get(request.POST.get("decision", ""))
    if verb is None:
        messages.error(request, _("Choose to approve or to decline."))
        return redirect(_safe_next(request) or "accounts:roles")
    try:
        verb(request.user, role_request, response=response)
    except roles.RoleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _decision_message(role_request))
    return redirect(_safe_next(request) or "accounts:roles")


def _decision_message(role_request: RoleRequest) -> str:
    values = {"person": role_request.user, "role": roles.role_label(role_request.role)}
    if role_request.status == "approved":
        return _("Approved: %(person)s is now %(role)s.") % values
    return _("Declined the request of %(person)s to become %(role)s.") % values


def _safe_next(request: HttpRequest) -> str | None:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return None


@login_required
@require_POST
def role_request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    role_request = get_object_or_404(RoleRequest, pk=pk, user=request.user)
    try:
        roles.withdraw_request(request.user, role_request)
    except roles.RoleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your request has been withdrawn."))
    return redirect("accounts:roles")


@login_required
@require_POST
def role_change_undo(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(AuditLogEntry, pk=pk, action__in=roles.ROLE_ACTIONS)
    city = City.objects.filter(pk=entry.data.get("city_id")).first()
    permissions.check_can_manage_role(request.user, entry.data.get("role", ""), city)
    try:
        roles.undo_role_change(request.user, entry)
    except roles.RoleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The change has been undone."))
    return redirect(_safe_next(request) or "accounts:roles")


@login_required
@require_POST
def member_roles(request: HttpRequest, pk: int) -> HttpResponse:
    """A site admin (or a team lead, for their team) grants or removes a role of a member."""
    person = get_object_or_404(User, pk=pk, is_active=True)
    form = GrantRoleForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(person.get_absolute_url())
    role, city = form.cleaned_data["role"], form.cleaned_data["city"]
    permissions.check_can_manage_role(request.user, role, city)
    verb = roles.remove_role if request.POST.get("action") == "remove" else roles.grant_role
    try:
        verb(request.user, person, role, city=city)
    except roles.RoleError as exc:
        messages.error(request, str(exc))
    else:
        values = {"person": person, "role": roles.role_label(role)}
        if verb is roles.grant_role:
            messages.success(request, _("%(person)s is now %(role)s.") % values)
        else:
            messages.success(request, _("%(person)s is no longer %(role)s.") % values)
    return redirect(_safe_next(request) or person.get_absolute_url())


# --- a city's team -----------------------------------------------------------------------


@login_required
def team_manage(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City.objects.select_related("country"), slug=slug)
    permissions.check_can_manage_team(request.user, city)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitations.invite(
                request.user,
                form.cleaned_data["email"],
                city=city,
                as_lead=form.cleaned_data["as_lead"],
                message=form.cleaned_data["message"],
            )
        except invitations.InvitationError as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts:team", slug=city.slug)
    team = city.team.select_related("user").order_by("-is_lead", "user__name", "user__email")
    return render(
        request,
        "accounts/team_manage.html",
        {
            "city": city,
            "team": team,
            "form": form,
            "open_invitations": Invitation.objects.open().filter(
                kind=InvitationKind.CITY_TEAM, city=city
            ),
            "to_decide": RoleRequest.objects.pending()
            .for_city_team([city.pk])
            .select_related("user"),
            "decision_form": DecisionForm(),
            "changes": [
                e for e in _changes_for(request.user, 100) if e.data.get("city_id") == city.pk
            ][:20],
        },
    )


@login_required
@require_POST
def team_change(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    permissions.check_can_manage_team(request.user, city)
    membership = get_object_or_404(
        CityTeamMembership.objects.select_related("user"), pk=pk, city=city
    )
    action = request.POST.get("action")
    verbs = {
        "remove": (roles.remove_role, "city_team"),
        "lead": (roles.grant_role, roles.TEAM_LEAD),
        "unlead": (roles.remove_role, roles.TEAM_LEAD),
    }
    if action not in verbs:
        messages.error(request, _("Unknown action."))
        return redirect("accounts:team", slug=city.slug)
    verb, role = verbs[action]
    try:
        verb(request.user, membership.user, role, city=city)
    except roles.RoleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The team has been updated."))
    return redirect("accounts:team", slug=city.slug)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("city", "organisation"), pk=pk)
    if invitation.kind == InvitationKind.CITY_TEAM:
        permissions.check_can_manage_team(request.user, invitation.city)
    else:
        permissions.check_can_manage_organisation(request.user, invitation.organisation)
    try:
        invitations.revoke(request.user, invitation)
    except invitations.InvitationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The invitation has been withdrawn."))
    return redirect(_safe_next(request) or invitation.target.get_absolute_url())


def invitation_open(request: HttpRequest, token: str) -> HttpResponse:
    """Show an invitation; a logged-in person with the invited address accepts it."""
    try:
        invitation = invitations.invitation_from_token(token)
    except invitations.InvitationError as exc:
        return render(request, "accounts/invitation.html", {"problem": str(exc)}, status=410)
    matches = request.user.is_authenticated and invitations.user_has_address(
        request.user, invitation.email
    )
    if request.method == "POST" and request.user.is_authenticated:
        try:
            invitations.accept(request.user, invitation)
        except invitations.InvitationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Welcome! You have joined %(target)s.") % {"target": invitation.target}
            )
            return redirect(invitation.target.get_absolute_url())
    return render(
        request,
        "accounts/invitation.html",
        {"invitation": invitation, "matches": matches, "next": request.get_full_path()},
    )
