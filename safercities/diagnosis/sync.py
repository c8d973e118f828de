"""Direct sync: pull submissions from a KoboToolbox or ODK Central server.

Each server is read page by page through its documented REST API with ``httpx``:

* **KoboToolbox** (API v2, ``Authorization: Token …``): ``/api/v2/assets/<uid>/data/?format=json``
  sorted by ``_id`` and filtered on ``_id`` greater than the cursor, following ``next``. Each
  page is written as a KoboToolbox CSV (XML names, ``/`` groups), or as KoboToolbox's XLSX
  with one sheet per repeat group when the page has repeat entries — formats the file import
  reads — so every pulled row goes through the same validation and import path as an upload.
* **ODK Central** (a session from ``/v1/sessions``): the "CSV (zip)" export
  ``/v1/projects/<p>/forms/<f>/submissions.csv.zip`` filtered on ``__system/submissionDate``;
  the zip holds the repeat tables and media, read by the same importer as an uploaded zip.
  ``pyodk`` (the official client) is not used: it is built on ``requests`` and reads its
  credentials from a per-user configuration file, while the Hub keeps one encrypted credential
  per connected assessment and its tests replay recorded answers through ``httpx``.

The credential is stored encrypted with Fernet (:func:`encrypt` / :func:`decrypt`): the key is
``SYNC_CREDENTIALS_KEY`` when set, else derived from ``SECRET_KEY``; older keys
(``SYNC_CREDENTIALS_OLD_KEYS``, ``SECRET_KEY_FALLBACKS``) still decrypt, and
``manage.py sync_field_data --rotate-keys`` re-encrypts every credential with the current key.

Problems are raised as :class:`SyncError` with a stable English code (``MSG_*``) and the page
it happened on; the view turns them into translated text.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import ipaddress
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

MSG_URL_SCHEME = "The server address must start with https://."
MSG_URL_HOST = "The server address must name a public server."
MSG_URL_NOT_ALLOWED = "This server is not among the servers the Hub may connect to."
MSG_FORM_ID = "Enter ODK Central's form as <project number>/<form id>."
MSG_AUTH = "The server refused the credentials."
MSG_NOT_FOUND = "The server has no such form."
MSG_SERVER = "The server answered with an error."
MSG_TIMEOUT = "The server did not answer in time."
MSG_UNREADABLE = "The server's answer could not be read."
MSG_NO_SECRET = "No credential is saved: enter it again."  # noqa: S105 - a message
MSG_PAGE = "The page was read but could not be imported."

#: Rows per KoboToolbox page.
KOBO_PAGE = 1000
#: ODK Central's clock may differ from ours: each pull asks again for this much before the
#: last one (rows already stored are skipped by submission id).
CENTRAL_OVERLAP = timedelta(hours=1)

#: Tests set this to an ``httpx.MockTransport`` replaying recorded answers.
TRANSPORT: httpx.BaseTransport | None = None


class SyncError(Exception):
    def __init__(self, code: str, *, page: int = 0, status: int | None = None) -> None:
        super().__init__(code)
        self.code, self.page, self.status = code, page, status

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "page": self.page, "status": self.status}


# --- credentials -------------------------------------------------------------------------


def _derived(secret_key: str) -> bytes:
    digest = hashlib.sha256(b"safercities.diagnosis.sync:" + secret_key.encode()).digest()
    return base64.urlsafe_b64encode(digest)


def _fernet() -> MultiFernet:
    keys: list[bytes] = []
    own = getattr(settings, "SYNC_CREDENTIALS_KEY", "")
    if own:
        keys.append(own.encode())
    keys.append(_derived(settings.SECRET_KEY))
    keys += [k.encode() for k in getattr(settings, "SYNC_CREDENTIALS_OLD_KEYS", ()) if k]
    keys += [_derived(k) for k in getattr(settings, "SECRET_KEY_FALLBACKS", ()) if k]
    return MultiFernet([Fernet(k) for k in keys])


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token: str) -> str:
    """The stored credential; :class:`SyncError` when no key can read it."""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        raise SyncError(MSG_NO_SECRET) from None


def rotate(token: str) -> str:
    return _fernet().rotate(token.encode()).decode()


# --- server addresses ----------------------------------------------------------------------


def url_problem(url: str) -> str | None:
    """Why the Hub must not call ``url`` (a stable English message), or None."""
    parts = urlsplit(url)
    allow_http = getattr(settings, "SYNC_ALLOW_HTTP", False)
    if parts.scheme != "https" and not (allow_http and parts.scheme == "http"):
        return MSG_URL_SCHEME
    host = (parts.hostname or "").rstrip(".").lower()
    if not host or parts.username or parts.password or "." not in host.strip("[]"):
        return MSG_URL_HOST
    if host.endswith((".localhost", ".local", ".internal", ".lan", ".home.arpa")):
        return MSG_URL_HOST
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None and not address.is_global:
        return MSG_URL_HOST
    allowed = [h.lower() for h in getattr(settings, "SYNC_ALLOWED_HOSTS", ()) if h]
    if allowed and not any(host == h or host.endswith("." + h) for h in allowed):
        return MSG_URL_NOT_ALLOWED
    return None


def central_form(form_id: str) -> tuple[str, str] | None:
    project, _slash, form = form_id.partition("/")
    if not project.isdigit() or not form or "/" in form:
        return None
    return project, form


# --- pulling -------------------------------------------------------------------------------


@dataclass
class Page:
    number: int
    filename: str
    content: bytes
    #: the cursor to keep once this page is stored
    cursor: str
    rows: int


def _client() -> httpx.Client:
    return httpx.Client(
        timeout=getattr(settings, "SYNC_TIMEOUT", 30),
        transport=TRANSPORT,
        follow_redirects=False,
        headers={"User-Agent": "SaferCitiesHub-sync"},
    )


def _get(client: httpx.Client, url: str, page: int, **kwargs: Any) -> httpx.Response:
    try:
        response = client.get(url, **kwargs)
    except httpx.TimeoutException:
        raise SyncError(MSG_TIMEOUT, page=page) from None
    except httpx.HTTPError:
        raise SyncError(MSG_SERVER, page=page) from None
    _raise_for(response, page)
    return response


def _raise_for(response: httpx.Response, page: int) -> None:
    if response.status_code in (401, 403):
        raise SyncError(MSG_AUTH, page=page, status=response.status_code)
    if response.status_code == 404:
        raise SyncError(MSG_NOT_FOUND, page=page, status=404)
    if response.status_code != 200:
        raise SyncError(MSG_SERVER, page=page, status=response.status_code)


def _same_server(url: str, base: str) -> bool:
    a, b = urlsplit(url), urlsplit(base)
    return (a.scheme, a.netloc) == (b.scheme, b.netloc)


def _scalar(value: object) -> bool:
    return isinstance(value, str | int | float | bool) or value is None


def kobo_csv(results: list[dict[str, Any]]) -> bytes:
    """One page of KoboToolbox's JSON as the CSV KoboToolbox exports (XML names, ``/``)."""
    header: dict[str, None] = {}
    for row in results:
        for key, value in row.items():
            if _scalar(value):
                header.setdefault(key, None)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in results:
        writer.writerow(["" if row.get(k) is None else str(row.get(k)) for k in header])
    return out.getvalue().encode("utf-8")


def _repeat_keys(results: list[dict[str, Any]]) -> list[str]:
    keys: dict[str, None] = {}
    for row in results:
        for key, value in row.items():
            if (
                not key.startswith("_")
                and isinstance(value, list)
                and value
                and all(isinstance(entry, dict) for entry in value)
            ):
                keys.setdefault(key, None)
    return list(keys)


def kobo_xlsx(results: list[dict[str, Any]], repeats: list[str]) -> bytes:
    """One page of KoboToolbox's JSON with repeat groups, as the XLSX KoboToolbox exports:
    the main sheet with ``_index``, one sheet per repeat group with ``_index``,
    ``_parent_table_name``, ``_parent_index`` and ``_submission__uuid`` (XML names, text
    cells; a text starting with "=" is written, and read back, as formula text)."""
    from openpyxl import Workbook

    def text(value: object) -> str:
        return "" if value is None else str(value)

    workbook = Workbook(write_only=True)
    header: dict[str, None] = {}
    for row in results:
        for key, value in row.items():
            if _scalar(value):
                header.setdefault(key, None)
    main = workbook.create_sheet("submissions")
    main.append([*header, "_index"])
    tables: dict[str, list[list[str]]] = {name: [] for name in repeats}
    columns: dict[str, dict[str, None]] = {name: {} for name in repeats}
    for index, row in enumerate(results, 1):
        main.append([text(row.get(k)) for k in header] + [index])
        for name in repeats:
            for entry in row.get(name) or []:
                if not isinstance(entry, dict):
                    continue
                for key, value in entry.items():
                    if _scalar(value):
                        columns[name].setdefault(key, None)
                tables[name].append((entry, index, text(row.get("_uuid"))))
    for name in repeats:
        sheet = workbook.create_sheet(name.rsplit("/", 1)[-1][:31])
        sheet.append([*columns[name], "_index", "_parent_table_name", "_parent_index",
                      "_submission__uuid"])  # fmt: skip
        for number, (entry, parent, uuid) in enumerate(tables[name], 1):
            sheet.append(
                [text(entry.get(k)) for k in columns[name]] + [number, "submissions", parent, uuid]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def kobo_pages(url: str, form_id: str, token: str, cursor: str) -> Iterator[Page]:
    base = url.rstrip("/")
    start = f"{base}/api/v2/assets/{form_id}/data/"
    params: dict[str, Any] | None = {
        "format": "json",
        "limit": KOBO_PAGE,
        "sort": json.dumps({"_id": 1}),
        "query": json.dumps({"_id": {"$gt": int(cursor or 0)}}),
    }
    number, last = 0, int(cursor or 0)
    headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
    with _client() as client:
        next_url: str | None = start
        while next_url:
            number += 1
            response = _get(client, next_url, number, params=params, headers=headers)
            try:
                data = response.json()
                results = list(data["results"])
                following = data.get("next")
                ids = [int(row["_id"]) for row in results if "_id" in row]
            except (ValueError, KeyError, TypeError):
                raise SyncError(MSG_UNREADABLE, page=number) from None
            if following and not _same_server(following, base):
                raise SyncError(MSG_UNREADABLE, page=number)
            if results:
                last = max([last, *ids])
                repeats = _repeat_keys(results)
                if repeats:  # the CSV export has no repeat data: write Kobo's XLSX instead
                    name, content = f"kobo-{form_id}-page{number}.xlsx", kobo_xlsx(results, repeats)
                else:
                    name, content = f"kobo-{form_id}-page{number}.csv", kobo_csv(results)
                yield Page(number, name, content, str(last), len(results))
            next_url, params = following, None


def central_pages(
    url: str, form_id: str, username: str, password: str, cursor: str, now: datetime
) -> Iterator[Page]:
    base = url.rstrip("/")
    project, form = central_form(form_id) or ("", "")
    if not project:
        raise SyncError(MSG_FORM_ID)
    with _client() as client:
        try:
            session = client.post(
                f"{base}/v1/sessions", json={"email": username, "password": password}
            )
        except httpx.TimeoutException:
            raise SyncError(MSG_TIMEOUT, page=1) from None
        except httpx.HTTPError:
            raise SyncError(MSG_SERVER, page=1) from None
        if session.status_code in (400, 401, 403):
            raise SyncError(MSG_AUTH, page=1, status=session.status_code)
        _raise_for(session, 1)
        try:
            token = session.json()["token"]
        except (ValueError, KeyError, TypeError):
            raise SyncError(MSG_UNREADABLE, page=1) from None
        params = {}
        if cursor:
            params["$filter"] = f"__system/submissionDate ge {cursor}"
        response = _get(
            client,
            f"{base}/v1/projects/{project}/forms/{form}/submissions.csv.zip",
            1,
            params=params,
            headers={"Authorization": f"Bearer {token}"},
        )
        if not response.content.startswith(b"PK"):
            raise SyncError(MSG_UNREADABLE, page=1)
        since = (now - CENTRAL_OVERLAP).strftime("%Y-%m-%dT%H:%M:%SZ")
        yield Page(1, f"central-{project}-{form}.csv.zip", response.content, since, 0)
