"""Editors curate collections: create, edit, add, order and remove resources."""

import copy

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from safercities.accounts.permissions import is_editor
from safercities.library import permissions
from safercities.library.curation import (
    add_to_collection,
    move_item,
    remove_from_collection,
    save_collection,
)
from safercities.library.forms import AddResourceForm, CollectionForm
from safercities.library.models import Collection, CollectionItem


@require_http_methods(["GET", "HEAD", "POST"])
def collection_list(request: HttpRequest) -> HttpResponse:
    """Published collections for everyone; editors also see drafts and create new ones here."""
    editor = is_editor(request.user)
    form = CollectionForm() if editor else None
    if request.method == "POST":
        permissions.check_can_curate_collections(request.user)
        form = CollectionForm(request.POST)
        if form.is_valid():
            collection = save_collection(request.user, None, form.cleaned_data)
            messages.success(request, _("The collection has been created; now add resources."))
            return redirect("library:collection_edit", slug=collection.slug)
    collections = Collection.objects.all() if editor else Collection.objects.published()
    return render(
        request,
        "library/collection_list.html",
        {"collections": collections, "form": form, "is_editor": editor},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def collection_edit(request: HttpRequest, slug: str) -> HttpResponse:
    permissions.check_can_curate_collections(request.user)
    collection = get_object_or_404(Collection, slug=slug)
    # The form gets its own copy: a refused edit must not change the page's links.
    form = CollectionForm(request.POST or None, instance=copy.copy(collection))
    if request.method == "POST" and form.is_valid():
        collection = save_collection(request.user, collection, form.cleaned_data)
        messages.success(request, _("The collection has been saved."))
        return redirect("library:collection_edit", slug=collection.slug)
    items = collection.items.select_related("resource").order_by("position", "id")
    return render(
        request,
        "library/collection_edit.html",
        {"collection": collection, "form": form, "items": items, "add_form": AddResourceForm()},
    )


@require_POST
def collection_add(request: HttpRequest, slug: str) -> HttpResponse:
    permissions.check_can_curate_collections(request.user)
    collection = get_object_or_404(Collection, slug=slug)
    form = AddResourceForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("resource", []):
            messages.error(request, error)
    elif add_to_collection(request.user, collection, form.cleaned_data["resource"]):
        messages.success(request, _("The resource has been added."))
    else:
        messages.info(request, _("This resource is already in the collection."))
    return redirect("library:collection_edit", slug=collection.slug)


@require_POST
def collection_item(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    """Move an item up or down, or remove it (``action`` = up | down | remove)."""
    permissions.check_can_curate_collections(request.user)
    collection = get_object_or_404(Collection, slug=slug)
    item = get_object_or_404(CollectionItem, pk=item_id, collection=collection)
    action = request.POST.get("action")
    if action in ("up", "down"):
        move_item(request.user, collection, item, -1 if action == "up" else 1)
    elif action == "remove":
        remove_from_collection(request.user, collection, item)
        messages.success(request, _("The resource has been removed from the collection."))
    return redirect("library:collection_edit", slug=collection.slug)
