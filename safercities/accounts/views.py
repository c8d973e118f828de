from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safercities.accounts import permissions
from safercities.accounts.enums import Role
from safercities.accounts.forms import ApiTokenForm, ProfileForm
from safercities.accounts.forms_roles import GrantRoleForm
from safercities.accounts.models import ApiToken, User
from safercities.accounts.organisations import claim_from_profile
from safercities.core.audit import record


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    user = request.user
    permissions.check_can_edit_profile(request.user, user)
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            record(request.user, "profile.updated", user, fields=sorted(form.changed_data))
            if "organisation" in form.changed_data:
                claim_from_profile(user)
        messages.success(request, _("Your profile has been saved."))
        response = redirect("accounts:profile_edit")
        if user.ui_language:
            from django.conf import settings

            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.ui_language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
    tokens = user.api_tokens.all()
    return render(
        request,
        "accounts/profile_edit.html",
        {"form": form, "tokens": tokens, "token_form": ApiTokenForm()},
    )


@login_required
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visible = permissions.filter_members_queryset(request.user, User.objects.all())
    member = get_object_or_404(
        visible.select_related("organisation", "city__country").prefetch_related("themes"), pk=pk
    )
    permissions.check_can_view_member(request.user, member)
    can_manage = permissions.is_site_admin(request.user) or bool(
        permissions.led_city_ids(request.user)
    )
    return render(
        request,
        "accounts/member_detail.html",
        {
            "member": member,
            "show_contact": permissions.can_see_contact_details(request.user, member),
            "roles": permissions.roles_of(member),
            "can_manage_roles": can_manage,
            "held_roles": sorted(
                str(Role(r).label) for r in permissions.roles_of(member) if r != Role.MEMBER
            ),
            "grant_form": GrantRoleForm() if can_manage else None,
        },
    )


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give the token a label."))
        return redirect("accounts:profile_edit")
    token, key = ApiToken.issue(request.user, form.cleaned_data["label"])
    record(request.user, "api_token.created", token)
    return render(request, "accounts/token_created.html", {"token": token, "key": key})


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    record(request.user, "api_token.revoked", token)
    token.delete()
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:profile_edit")
