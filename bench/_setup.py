"""What the benchmarks that run the Hub in a child process share: its environment, its database."""

import os
from pathlib import Path


def child_environment(db: str, pg_url: str, sqlite_path: Path) -> dict[str, str]:
    """Settings for a child process measuring the Hub on ``db`` (sqlite or postgres)."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="safercities.settings", PYTHONHASHSEED="0")
    env["SAFERCITIES_ENV"] = "development"
    env["TASKS_IMMEDIATE"] = "1"
    env["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    env["DATABASE_URL"] = f"sqlite:///{sqlite_path}" if db == "sqlite" else pg_url
    return env


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database named in ``url`` when it does not exist."""
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
