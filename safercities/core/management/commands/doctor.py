"""``manage.py doctor``: check that this installation can run, and say what to fix.

Checks settings, the database and its migrations, the cache, file storage (public and
private), static files and catalogs, mail, and the task workers (heartbeat, backlog). Each
line is OK, WARN or FAIL; every WARN/FAIL says what to do. Exit code 1 when anything FAILs,
so it can gate a deployment (``manage.py doctor && systemctl restart hub``).
"""

import json
import os
import sys
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.core import checks as django_checks
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

DEV_KEY_PREFIX = "insecure-development-key-"


@dataclass
class Finding:
    level: str  # OK, WARN, FAIL
    check: str
    detail: str
    fix: str = ""


class Command(BaseCommand):
    help = "Check settings, database, migrations, storage, mail and task workers; say what to fix."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--json", action="store_true", help="one JSON document")
        parser.add_argument(
            "--skip-mail", action="store_true", help="do not connect to the mail server"
        )

    def handle(self, *args, **options) -> None:
        self.findings: list[Finding] = []
        production = getattr(settings, "PRODUCTION", False)
        for step in (
            self.check_settings,
            self.check_database,
            self.check_storage,
            self.check_files,
            self.check_worker,
        ):
            try:
                step(production)
            except Exception as exc:  # a check that breaks is itself a finding
                self.add("FAIL", step.__name__.removeprefix("check_"), repr(exc), "see the error")
        if not options["skip_mail"]:
            self.check_mail(production)
        failed = any(f.level == "FAIL" for f in self.findings)
        if options["json"]:
            self.stdout.write(
                json.dumps({"ok": not failed, "findings": [asdict(f) for f in self.findings]})
            )
        else:
            for f in self.findings:
                self.stdout.write(f"[{f.level:>4}] {f.check}: {f.detail}")
                if f.fix and f.level != "OK":
                    self.stdout.write(f"       fix: {f.fix}")
            counts = {
                lvl: sum(f.level == lvl for f in self.findings) for lvl in ("OK", "WARN", "FAIL")
            }
            self.stdout.write(
                f"{counts['OK']} ok, {counts['WARN']} warnings, {counts['FAIL']} failures"
            )
        if failed:
            sys.exit(1)

    def add(self, level: str, check: str, detail: str, fix: str = "") -> None:
        self.findings.append(Finding(level, check, detail, fix))

    # --- settings ---------------------------------------------------------------------------
    def check_settings(self, production: bool) -> None:
        key = settings.SECRET_KEY
        weak = key.startswith(DEV_KEY_PREFIX) or len(key) < 50 or len(set(key)) < 5
        if weak:
            self.add(
                "FAIL" if production else "WARN",
                "secret key",
                "SECRET_KEY is the development key or too short/simple",
                "set SECRET_KEY (or SECRET_KEY_FILE) to 50+ random characters, e.g. "
                "python -c 'import secrets; print(secrets.token_urlsafe(50))'",
            )
        else:
            self.add("OK", "secret key", "set and long enough")
        if production and settings.DEBUG:
            self.add("FAIL", "debug", "DEBUG is on in production", "unset DEBUG (or DEBUG=0)")
        if production and set(settings.ALLOWED_HOSTS) <= {"127.0.0.1", "localhost", "testserver"}:
            self.add(
                "WARN",
                "allowed hosts",
                f"ALLOWED_HOSTS is {settings.ALLOWED_HOSTS}",
                "set ALLOWED_HOSTS to the Hub's public host name(s)",
            )
        messages = django_checks.run_checks(include_deployment_checks=production)
        serious = [m for m in messages if m.level >= django_checks.WARNING and not m.is_silenced()]
        if serious:
            for m in serious:
                self.add(
                    "FAIL" if m.level >= django_checks.ERROR else "WARN",
                    "django check",
                    f"{m.id}: {m.msg}",
                    m.hint or "see Django's documentation for this check",
                )
        else:
            self.add(
                "OK", "django check", "no problems" + (" (with --deploy)" if production else "")
            )

    # --- database, migrations, cache ------------------------------------------------------
    def check_database(self, production: bool) -> None:
        try:
            connection.ensure_connection()
        except DatabaseError as exc:
            self.add("FAIL", "database", f"cannot connect: {exc}", "check DATABASE_URL")
            return
        detail = f"{connection.vendor} answers"
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
            detail += f" (journal_mode={mode})"
        if connection.vendor == "sqlite" and mode != "wal" and not connection.is_in_memory_db():
            self.add("WARN", "database", detail, "the settings turn WAL on; check OPTIONS")
        else:
            self.add("OK", "database", detail)

        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in plan[:5])
            more = f" and {len(plan) - 5} more" if len(plan) > 5 else ""
            self.add(
                "FAIL",
                "migrations",
                f"{len(plan)} not applied: {names}{more}",
                "run python manage.py migrate",
            )
        else:
            self.add("OK", "migrations", "all applied")

        try:
            probe = f"doctor-{uuid.uuid4().hex}"
            cache.set(probe, "1", 30)
            ok = cache.get(probe) == "1"
            cache.delete(probe)
        except DatabaseError as exc:
            self.add(
                "FAIL", "cache", f"the cache does not work: {exc}", "run manage.py createcachetable"
            )
        else:
            backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
            if not ok:
                self.add("FAIL", "cache", f"{backend} did not keep a value", "check CACHES")
            elif production and backend == "LocMemCache":
                self.add(
                    "WARN",
                    "cache",
                    "per-process memory cache: rate limits are not shared between web processes",
                    "use the database cache (the default outside tests)",
                )
            else:
                self.add("OK", "cache", f"{backend} works")

    # --- storage --------------------------------------------------------------------------
    def check_storage(self, production: bool) -> None:
        name = default_storage.save(f"doctor/{uuid.uuid4().hex}.txt", ContentFile(b"doctor"))
        try:
            with default_storage.open(name) as handle:
                ok = handle.read() == b"doctor"
        finally:
            default_storage.delete(name)
        kind = type(getattr(default_storage, "_wrapped", default_storage)).__name__
        if ok:
            self.add("OK", "storage", f"{kind} can write, read and delete uploaded files")
        else:
            self.add("FAIL", "storage", f"{kind} returned other bytes", "check DEFAULT_STORAGE")
        if "private" in settings.STORAGES:  # object storage (S3_BUCKET)
            from django.core.files.storage import storages

            store = storages["private"]
            name = store.save(f"doctor/{uuid.uuid4().hex}.txt", ContentFile(b"doctor"))
            store.delete(name)
            self.add("OK", "private files", f"{type(store).__name__} can write and delete")
            return
        private = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
        if private:
            root = Path(private)
            root.mkdir(parents=True, exist_ok=True)
            if not os.access(root, os.W_OK):
                self.add("FAIL", "private files", f"{root} is not writable", "fix its owner/mode")
                return
            media = Path(settings.MEDIA_ROOT).resolve()
            if media == root.resolve() or media in root.resolve().parents:
                self.add(
                    "FAIL",
                    "private files",
                    f"{root} is inside MEDIA_ROOT, which a web server may publish",
                    "move PRIVATE_MEDIA_ROOT outside MEDIA_ROOT",
                )
                return
            self.add("OK", "private files", f"{root} is writable and outside MEDIA_ROOT")

    def check_files(self, production: bool) -> None:
        manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
        if "Manifest" in settings.STORAGES["staticfiles"]["BACKEND"] and not manifest.exists():
            self.add(
                "FAIL" if production else "WARN",
                "static files",
                f"{manifest} is missing",
                "run python manage.py collectstatic --noinput",
            )
        else:
            self.add("OK", "static files", "collected")
        missing = []
        for code, _name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue
            folder = code.replace("-hans", "_Hans").replace("-", "_")
            if not any(
                (Path(p) / folder / "LC_MESSAGES" / "django.mo").exists()
                for p in settings.LOCALE_PATHS
            ):
                missing.append(code)
        if missing:
            self.add(
                "WARN",
                "translations",
                f"catalogs not compiled for {', '.join(missing)}",
                "run make compilemessages",
            )
        else:
            self.add("OK", "translations", f"{len(settings.LANGUAGES) - 1} catalogs compiled")

    # --- mail -----------------------------------------------------------------------------
    def check_mail(self, production: bool) -> None:
        backend = settings.EMAIL_BACKEND
        if not backend.endswith("smtp.EmailBackend"):
            level = "FAIL" if production else "OK"
            self.add(
                level,
                "mail",
                f"{backend.rsplit('.', 2)[-2]} backend: mail is not delivered",
                "set EMAIL_BACKEND to the SMTP backend and EMAIL_HOST & co.",
            )
            return
        from django.core.mail import get_connection

        try:
            conn = get_connection(timeout=5)
            conn.open()
            conn.close()
        except Exception as exc:
            self.add(
                "FAIL",
                "mail",
                f"cannot reach {settings.EMAIL_HOST}:{settings.EMAIL_PORT}: {exc}",
                "check EMAIL_HOST, EMAIL_PORT, EMAIL_USE_TLS and the credentials",
            )
            return
        self.add("OK", "mail", f"SMTP server {settings.EMAIL_HOST}:{settings.EMAIL_PORT} answers")
        if production and settings.DEFAULT_FROM_EMAIL.rstrip(">").endswith(".invalid"):
            self.add(
                "WARN",
                "mail sender",
                f"DEFAULT_FROM_EMAIL is {settings.DEFAULT_FROM_EMAIL}",
                "set DEFAULT_FROM_EMAIL to an address of your domain",
            )

    # --- task workers ---------------------------------------------------------------------
    def check_worker(self, production: bool) -> None:
        from safercities.core.health import queue_status

        status = queue_status()
        if status["backend"] == "immediate":
            self.add(
                "WARN" if production else "OK",
                "task worker",
                "tasks run inside the web request (immediate backend)",
                "unset TASKS_IMMEDIATE and run manage.py db_worker",
            )
            return
        detail = (
            f"{status['workers']} live worker(s), {status['backlog']} waiting, "
            f"{status['running']} running"
        )
        if status["oldest_waiting_seconds"] is not None:
            detail += f", oldest waiting {status['oldest_waiting_seconds']:.0f} s"
        if status["warnings"]:
            self.add(
                "FAIL" if status["workers"] == 0 and status["backlog"] else "WARN",
                "task worker",
                f"{detail}; " + "; ".join(status["warnings"]),
                "start one (make serve or manage.py db_worker); more workers if the backlog grows",
            )
        else:
            self.add("OK", "task worker", detail)
