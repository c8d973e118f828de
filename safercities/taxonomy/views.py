"""Editors manage themes and their names in every interface language."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from safercities.accounts import permissions
from safercities.core.audit import record
from safercities.taxonomy.forms import ThemeForm
from safercities.taxonomy.models import Theme


@login_required
def theme_list(request: HttpRequest) -> HttpResponse:
    permissions.check_editor(request.user)
    themes = Theme.objects.annotate(expert_count=Count("experts"))
    return render(request, "taxonomy/theme_list.html", {"themes": themes})


@login_required
def theme_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    theme = get_object_or_404(Theme, slug=slug) if slug else None
    permissions.check_editor(request.user)
    form = ThemeForm(request.POST or None, instance=theme)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            action = "theme.updated" if theme else "theme.created"
            record(request.user, action, saved, fields=sorted(form.changed_data))
        messages.success(request, _("The theme has been saved."))
        return redirect("taxonomy:themes")
    return render(request, "taxonomy/theme_form.html", {"form": form, "theme": theme})
