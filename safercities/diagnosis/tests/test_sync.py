"""Direct sync with KoboToolbox (API v2) and ODK Central, replayed from recorded answers."""

import csv
import io
import json
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from django.core.management import call_command
from django.urls import reverse

from safercities.diagnosis import sync
from safercities.diagnosis.enums import ImportStatus, SyncServer
from safercities.diagnosis.models import FieldSync, ImportJob, Submission
from safercities.diagnosis.services_sync import connect_sync, pull_sync, rotate_credentials
from safercities.instruments.generic import generic_instrument
from safercities.instruments.synthetic import synthetic_kobo_csv

from .conftest import AUDIT
from .test_import import odk_csv

pytestmark = pytest.mark.django_db

KOBO = "https://kf.kobotoolbox.org"
TOKEN = "kobo-token-0123456789abcdef"  # noqa: S105 - a test token


def kobo_records(n: int, *, seed: int = 1) -> list[dict]:
    """Submissions as KoboToolbox's ``/data/?format=json`` gives them (recorded shape)."""
    text = synthetic_kobo_csv(generic_instrument(AUDIT), n, seed, delimiter=",")
    records = []
    for row in csv.DictReader(io.StringIO(text)):
        record = {k: v for k, v in row.items() if v != "" and "/_location_" not in k}
        record.pop("_index", None)
        record["_id"] = int(record["_id"])
        record["_notes"], record["_tags"] = [], []
        record["_geolocation"] = [None, None]
        record["_attachments"] = []
        records.append(record)
    return records


class KoboServer:
    """A recorded KoboToolbox server: pages of ``limit`` rows sorted by ``_id``; ``fail``
    maps a page number to a status code (or ``"timeout"``) to answer on that page once."""

    def __init__(self, records, *, limit=5, token=TOKEN, fail=None):
        self.records, self.limit, self.token = records, limit, token
        self.fail = dict(fail or {})
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        url = urlsplit(str(request.url))
        if not url.path.startswith("/api/v2/assets/aAudit123/data"):
            return httpx.Response(404, json={"detail": "Not found."})
        if request.headers.get("Authorization") != f"Token {self.token}":
            return httpx.Response(401, json={"detail": "Invalid token."})
        query = parse_qs(url.query)
        after = json.loads(query["query"][0])["_id"]["$gt"]
        start = int(query.get("start", ["0"])[0])
        rows = sorted((r for r in self.records if r["_id"] > after), key=lambda r: r["_id"])
        page = start // self.limit + 1
        failure = self.fail.pop(page, None)
        if failure == "timeout":
            raise httpx.ReadTimeout("timed out", request=request)
        if failure:
            return httpx.Response(failure, text="Server Error")
        chunk = rows[start : start + self.limit]
        following = None
        if start + self.limit < len(rows):
            following = (
                f"{KOBO}/api/v2/assets/aAudit123/data/?format=json&limit={self.limit}"
                f"&start={start + self.limit}&query={query['query'][0]}&sort={query['sort'][0]}"
            )
        body = {"count": len(rows), "next": following, "previous": None, "results": chunk}
        return httpx.Response(200, json=body)


@pytest.fixture
def server(monkeypatch):
    def install(handler):
        monkeypatch.setattr(sync, "TRANSPORT", httpx.MockTransport(handler))
        monkeypatch.setattr(sync, "KOBO_PAGE", 5)
        return handler

    return install


@pytest.fixture
def connected(make_assessment, team_a):
    assessment = make_assessment(tool=AUDIT)
    connection = connect_sync(
        team_a, assessment, server=SyncServer.KOBO, url=KOBO, form_id="aAudit123", secret=TOKEN
    )
    return connection


def test_the_credential_is_stored_encrypted_and_reads_back(connected):
    stored = FieldSync.objects.get(pk=connected.pk).secret
    assert TOKEN not in stored
    assert sync.decrypt(stored) == TOKEN


def test_a_pull_stores_every_page_through_the_import_and_keeps_the_cursor(connected, server):
    records = kobo_records(12)
    kobo = server(KoboServer(records))
    result = pull_sync(None, connected)
    assert result.ok and result.created == 12
    assert Submission.objects.filter(assessment=connected.assessment).count() == 12
    assert [job.created_count for job in result.jobs] == [5, 5, 2]
    assert all(job.sync == connected and job.status == ImportStatus.DONE for job in result.jobs)
    assert result.jobs[0].report["versions"] == {"vHub1": 5}
    connected.refresh_from_db()
    assert connected.cursor == str(max(r["_id"] for r in records))
    assert kobo.requests[0].headers["Authorization"] == f"Token {TOKEN}"


def test_a_second_pull_asks_only_for_newer_submissions_and_adds_nothing_twice(connected, server):
    records = kobo_records(7)
    server(KoboServer(records))
    pull_sync(None, connected)
    more = kobo_records(10, seed=2)[:3]
    for offset, record in enumerate(more):
        record["_id"] = 5000 + offset
    kobo = server(KoboServer(records + more))
    result = pull_sync(None, connected)
    assert result.created == 3 and len(kobo.requests) == 1
    assert Submission.objects.filter(assessment=connected.assessment).count() == 10
    again = pull_sync(None, connected, from_start=True)
    assert again.created == 0
    assert sum(job.existing_count for job in again.jobs) == 10


def test_a_server_error_on_page_two_keeps_page_one_and_the_next_pull_resumes(connected, server):
    records = kobo_records(12)
    server(KoboServer(records, fail={2: 500}))
    result = pull_sync(None, connected)
    assert result.problem == {"code": sync.MSG_SERVER, "page": 2, "status": 500}
    assert result.created == 5
    connected.refresh_from_db()
    assert connected.cursor == str(sorted(r["_id"] for r in records)[4])
    assert connected.last_problem["page"] == 2
    resumed = pull_sync(None, connected)
    assert resumed.ok and resumed.created == 7
    assert Submission.objects.filter(assessment=connected.assessment).count() == 12


@pytest.mark.parametrize(
    ("kobo", "code"),
    [
        (KoboServer([], token="another-token"), sync.MSG_AUTH),  # noqa: S106
        (KoboServer([], fail={1: 502}), sync.MSG_SERVER),
        (KoboServer([], fail={1: "timeout"}), sync.MSG_TIMEOUT),
    ],
)
def test_bad_token_server_errors_and_timeouts_are_reported_and_change_nothing(
    connected, server, kobo, code
):
    kobo.records = kobo_records(3)
    server(kobo)
    result = pull_sync(None, connected)
    assert result.problem["code"] == code and result.problem["page"] == 1
    assert not Submission.objects.filter(assessment=connected.assessment).exists()
    assert not ImportJob.objects.exists()
    connected.refresh_from_db()
    assert connected.cursor == "" and connected.last_problem["code"] == code


def test_an_unknown_form_is_reported_as_not_found(connected, server):
    connected.form_id = "nope"
    connected.save()
    server(KoboServer(kobo_records(2)))
    assert pull_sync(None, connected).problem == {
        "code": sync.MSG_NOT_FOUND,
        "page": 1,
        "status": 404,
    }


def test_a_next_link_to_another_server_is_not_followed(connected, server):
    def handler(request):
        body = {"next": "https://evil.example.net/steal", "results": []}
        return httpx.Response(200, json=body)

    server(handler)
    assert pull_sync(None, connected).problem["code"] == sync.MSG_UNREADABLE


def test_bad_rows_are_listed_on_the_pull_and_the_good_rows_imported(connected, server):
    records = kobo_records(4)
    records[1]["ratings/lighting"] = "blinding"
    server(KoboServer(records))
    result = pull_sync(None, connected)
    assert result.ok and result.created == 3
    job = result.jobs[0]
    assert job.error_rows == 1 and job.errors[0]["field"] == "lighting"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://kf.kobotoolbox.org", sync.MSG_URL_SCHEME),
        ("ftp://kf.kobotoolbox.org", sync.MSG_URL_SCHEME),
        ("https://127.0.0.1", sync.MSG_URL_HOST),
        ("https://10.0.0.5/", sync.MSG_URL_HOST),
        ("https://169.254.169.254/latest", sync.MSG_URL_HOST),
        ("https://[::1]/", sync.MSG_URL_HOST),
        ("https://localhost/", sync.MSG_URL_HOST),
        ("https://db.internal/", sync.MSG_URL_HOST),
        ("https://user:pw@kf.kobotoolbox.org/", sync.MSG_URL_HOST),
        ("https://kf.kobotoolbox.org", None),
        ("https://central.example.org/", None),
    ],
)
def test_server_addresses_must_be_https_and_public(url, problem):
    assert sync.url_problem(url) == problem


def test_only_the_configured_servers_are_allowed_when_a_list_is_set(settings):
    settings.SYNC_ALLOWED_HOSTS = ["kobotoolbox.org"]
    assert sync.url_problem("https://kf.kobotoolbox.org") is None
    assert sync.url_problem("https://central.example.org") == sync.MSG_URL_NOT_ALLOWED


def test_credentials_survive_a_key_rotation(connected, settings):
    old_key = sync._derived(settings.SECRET_KEY).decode()
    new_key = sync.Fernet.generate_key().decode()
    settings.SYNC_CREDENTIALS_KEY = new_key
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "another-secret-key-" + "y" * 40
    assert sync.decrypt(FieldSync.objects.get().secret) == TOKEN
    assert rotate_credentials() == 1
    settings.SECRET_KEY_FALLBACKS = []
    stored = FieldSync.objects.get().secret
    assert sync.decrypt(stored) == TOKEN
    assert sync.Fernet(new_key.encode()).decrypt(stored.encode()).decode() == TOKEN
    assert old_key != new_key


def test_the_command_pulls_connections_that_are_due(connected, server):
    server(KoboServer(kobo_records(3)))
    out = io.StringIO()
    call_command("sync_field_data", stdout=out)
    assert "queued" in out.getvalue()
    assert Submission.objects.filter(assessment=connected.assessment).count() == 3
    out = io.StringIO()
    call_command("sync_field_data", stdout=out)
    assert out.getvalue() == ""  # pulled less than SYNC_INTERVAL_MINUTES ago


# --- ODK Central --------------------------------------------------------------------------


def central_zip(text: str) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("safety_audit.csv", text)
    return buffer.getvalue()


def test_central_pulls_the_csv_zip_with_a_session_and_a_date_filter(
    make_assessment, team_a, server
):
    assessment = make_assessment(tool=AUDIT)
    connection = connect_sync(
        team_a,
        assessment,
        server=SyncServer.CENTRAL,
        url="https://central.example.org",
        form_id="3/safety_audit",
        username="team@example.org",
        secret="central-password",  # noqa: S106
    )
    seen = []

    def central(request):
        seen.append(request)
        if request.url.path == "/v1/sessions":
            body = json.loads(request.content)
            if body != {"email": "team@example.org", "password": "central-password"}:
                return httpx.Response(401, json={"code": 401.2})
            return httpx.Response(200, json={"token": "session-token"})
        if request.url.path == "/v1/projects/3/forms/safety_audit/submissions.csv.zip":
            if request.headers.get("Authorization") != "Bearer session-token":
                return httpx.Response(403)
            return httpx.Response(200, content=central_zip(odk_csv(6)))
        return httpx.Response(404)

    server(central)
    result = pull_sync(None, connection)
    assert result.ok and result.created == 6
    assert result.jobs[0].file_format == "odk-zip"
    connection.refresh_from_db()
    assert connection.cursor.endswith("Z")
    again = pull_sync(None, connection)
    assert again.created == 0 and again.jobs[0].existing_count == 6
    assert "$filter" in str(seen[-1].url) or "%24filter" in str(seen[-1].url)


def test_central_refuses_a_wrong_password_clearly(make_assessment, team_a, server):
    connection = connect_sync(
        team_a,
        make_assessment(tool=AUDIT),
        server=SyncServer.CENTRAL,
        url="https://central.example.org",
        form_id="3/safety_audit",
        username="team@example.org",
        secret="wrong",  # noqa: S106
    )
    server(lambda request: httpx.Response(401, json={"code": 401.2}))
    assert pull_sync(None, connection).problem["code"] == sync.MSG_AUTH
    assert not Submission.objects.exists()


# --- pages ---------------------------------------------------------------------------------


def test_the_team_connects_a_form_and_the_token_is_never_shown_again(
    make_assessment, team_a, client_for
):
    assessment = make_assessment(tool=AUDIT)
    client = client_for(team_a)
    url = reverse("diagnosis:sync", args=[assessment.pk])
    data = {"server": "kobo", "url": KOBO, "form_id": "aAudit123", "secret": TOKEN}
    response = client.post(url, data)
    assert response.status_code == 302
    page = client.get(url)
    text = page.content.decode()
    assert TOKEN not in text and "Token saved" in text
    stored = FieldSync.objects.get(assessment=assessment)
    data["secret"] = ""
    client.post(url, data)  # keeps the saved token
    assert FieldSync.objects.get(pk=stored.pk).secret == stored.secret
    data["secret"] = "a-new-token"  # noqa: S105
    client.post(url, data)
    assert sync.decrypt(FieldSync.objects.get(pk=stored.pk).secret) == "a-new-token"


def test_a_private_server_address_is_refused_with_a_message(make_assessment, team_a, client_for):
    assessment = make_assessment(tool=AUDIT)
    url = reverse("diagnosis:sync", args=[assessment.pk])
    data = {"server": "kobo", "url": "https://192.168.1.10", "form_id": "a1", "secret": "t"}
    response = client_for(team_a).post(url, data)
    assert response.status_code == 200
    assert "public server" in response.content.decode()
    assert not FieldSync.objects.exists()


def test_the_team_pulls_now_and_sees_what_was_pulled(connected, team_a, client_for, server):
    server(KoboServer(kobo_records(6)))
    client = client_for(team_a)
    pk = connected.assessment_id
    response = client.post(reverse("diagnosis:sync_pull", args=[pk]))
    assert response.status_code == 302
    page = client.get(reverse("diagnosis:sync", args=[pk])).content.decode()
    assert "kobo-aAudit123-page1.csv" in page and "kobo-aAudit123-page2.csv" in page
    assert Submission.objects.filter(assessment_id=pk).count() == 6


def test_a_failed_pull_is_explained_on_the_page(connected, team_a, client_for, server):
    server(KoboServer(kobo_records(3), token="other"))  # noqa: S106
    client = client_for(team_a)
    client.post(reverse("diagnosis:sync_pull", args=[connected.assessment_id]))
    page = client.get(reverse("diagnosis:sync", args=[connected.assessment_id])).content.decode()
    assert "refused the credentials" in page and "page 1" in page


@pytest.mark.parametrize("who", ["visitor", "member", "team_b"])
def test_other_teams_and_visitors_cannot_connect_or_pull(connected, who, request, client_for):
    client = client_for(request.getfixturevalue(who))
    pk = connected.assessment_id
    for name, method in (("sync", "get"), ("sync", "post"), ("sync_pull", "post"),
                         ("sync_disconnect", "post")):  # fmt: skip
        response = getattr(client, method)(reverse(f"diagnosis:{name}", args=[pk]))
        assert response.status_code in (302, 403, 404)
        if response.status_code == 302:
            assert "login" in response["Location"]
    assert FieldSync.objects.filter(pk=connected.pk).exists()
    assert not ImportJob.objects.exists()


def test_the_team_disconnects_and_the_credential_is_deleted(connected, team_a, client_for):
    client_for(team_a).post(reverse("diagnosis:sync_disconnect", args=[connected.assessment_id]))
    assert not FieldSync.objects.exists()


def test_answers_with_thai_text_newlines_separators_and_formulas_arrive_unchanged(
    connected, server
):
    records = kobo_records(2)
    comment = 'ไฟดับ 🌙\n"มืด"; =SUM(A1), ซอย 5'
    records[0]["observations/comments"] = comment
    server(KoboServer(records))
    assert pull_sync(None, connected).created == 2
    stored = Submission.objects.get(uuid=records[0]["_uuid"])
    assert stored.answers["comments"] == comment


def test_repeat_groups_in_kobos_json_are_imported_with_their_entries(
    make_assessment, team_a, server
):
    from .conftest import SURVEY
    from .test_repeats import with_incidents

    survey = make_assessment(tool=SURVEY)
    connection = connect_sync(
        team_a, survey, server=SyncServer.KOBO, url=KOBO, form_id="aAudit123", secret=TOKEN
    )
    records = with_incidents(survey.instrument(), 7)
    for number, record in enumerate(records, 1):
        record["_id"] = number
    server(KoboServer(records))

    result = pull_sync(None, connection)

    assert result.ok and result.created == 7
    assert sum(len(record.get("incidents", [])) for record in records) >= 3
    assert result.jobs[0].original_name.endswith(".xlsx")
    assert result.jobs[0].report["missing_repeats"] == []
    for record in records:
        stored = Submission.objects.get(assessment=survey, uuid=record["_uuid"])
        expected = len(record.get("incidents", []))
        entries = stored.answers.get("incidents", [])
        assert len(entries) == expected
        assert [e["incident_crime"] for e in entries] == [
            e["incidents/incident_crime"] for e in record.get("incidents", [])
        ]
