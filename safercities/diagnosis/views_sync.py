"""Direct sync pages: connect an assessment to a KoboToolbox / ODK Central form, pull now."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from safercities.core.privacy import team_only
from safercities.diagnosis import permissions, sync
from safercities.diagnosis.forms import SyncForm
from safercities.diagnosis.models import FieldSync
from safercities.diagnosis.services_sync import connect_sync, disconnect_sync
from safercities.diagnosis.tasks import pull_field_data
from safercities.diagnosis.views import get_assessment

SYNC_MESSAGES = {
    sync.MSG_URL_SCHEME: gettext_lazy("The server address must start with https://."),
    sync.MSG_URL_HOST: gettext_lazy(
        "The server address must name a public server (not a local or private address)."
    ),
    sync.MSG_URL_NOT_ALLOWED: gettext_lazy(
        "This server is not among the servers the Hub may connect to: ask the Hub's "
        "administrators to add it."
    ),
    sync.MSG_FORM_ID: gettext_lazy(
        "Enter ODK Central's form as <project number>/<form id>, for example 3/safety_audit."
    ),
    sync.MSG_AUTH: gettext_lazy(
        "The server refused the credentials: check the API token (or the user name and "
        "password), save it again, and check that it may read this form's data."
    ),
    sync.MSG_NOT_FOUND: gettext_lazy(
        "The server has no such form: check the server address and the form."
    ),
    sync.MSG_SERVER: gettext_lazy("The server answered with an error: try again later."),
    sync.MSG_TIMEOUT: gettext_lazy("The server did not answer in time: try again later."),
    sync.MSG_UNREADABLE: gettext_lazy(
        "The server's answer could not be read: check that the address is the server's own "
        "address (not a web page in front of it)."
    ),
    sync.MSG_NO_SECRET: gettext_lazy(
        "No API token or password is saved (or it cannot be read any more): enter it again."
    ),
    sync.MSG_PAGE: gettext_lazy(
        "The pulled page could not be imported: its import below says why."
    ),
}


def sync_message(code: str) -> str:
    return str(SYNC_MESSAGES.get(code, code))


def describe_problem(problem: dict) -> str:
    """The stored problem of a pull as one translated sentence, with its page."""
    if not problem:
        return ""
    text = sync_message(problem.get("code", ""))
    if problem.get("status"):
        text += " " + _("(HTTP status %(status)s)") % {"status": problem["status"]}
    if problem.get("page"):
        text += " " + _(
            "The pull stopped at page %(page)s; what came before is stored and the next pull "
            "starts again from that page."
        ) % {"page": problem["page"]}
    return text


@require_http_methods(["GET", "POST"])
@team_only
def sync_settings(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(pk)
    permissions.check_can_manage(request.user, assessment)
    connection = FieldSync.objects.filter(assessment=assessment).first()
    initial = {}
    if connection is not None:
        initial = {
            "server": connection.server,
            "url": connection.url,
            "form_id": connection.form_id,
            "username": connection.username,
        }
    has_secret = bool(connection and connection.secret)
    form = SyncForm(request.POST or None, initial=initial, has_secret=has_secret)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            connect_sync(
                request.user,
                assessment,
                server=data["server"],
                url=data["url"],
                form_id=data["form_id"],
                username=data["username"],
                secret=data["secret"],
            )
        except sync.SyncError as exc:
            form.add_error(None, sync_message(exc.code))
        else:
            messages.success(request, _("The connection is saved."))
            return redirect("diagnosis:sync", assessment.pk)
    pulls = []
    if connection is not None:
        pulls = connection.pulls.select_related("created_by")[:20]
    context = {
        "assessment": assessment,
        "connection": connection,
        "form": form,
        "has_secret": has_secret,
        "problem": describe_problem(connection.last_problem) if connection else "",
        "pulls": pulls,
    }
    return render(request, "diagnosis/sync.html", context)


@require_POST
@team_only
def sync_pull(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(pk)
    permissions.check_can_manage(request.user, assessment)
    connection = FieldSync.objects.filter(assessment=assessment).first()
    if connection is None:
        messages.error(request, _("Connect a server form first."))
        return redirect("diagnosis:sync", assessment.pk)
    from_start = request.POST.get("from_start") == "1"
    pull_field_data.enqueue(connection.pk, request.user.pk, from_start)
    messages.success(request, _("The pull has started: reload this page to see what was pulled."))
    return redirect("diagnosis:sync", assessment.pk)


@require_POST
@team_only
def sync_disconnect(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(pk)
    permissions.check_can_manage(request.user, assessment)
    connection = FieldSync.objects.filter(assessment=assessment).first()
    if connection is not None:
        disconnect_sync(request.user, connection)
        messages.success(request, _("The server form is disconnected and its credential deleted."))
    return redirect("diagnosis:sync", assessment.pk)
