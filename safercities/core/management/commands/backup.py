"""``manage.py backup [FILE]``: the database and all uploaded files in one archive."""

from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from safercities.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup or pg_dump) and the media files."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "target",
            nargs="?",
            help="archive to write (default: var/backups/hub-<UTC time>.tar.gz)",
        )

    def handle(self, *args, target=None, **options) -> None:
        if not target:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            target = Path(settings.BASE_DIR) / "var" / "backups" / f"hub-{stamp}.tar.gz"
        try:
            manifest = create_backup(Path(target))
        except (BackupError, OSError) as exc:
            raise CommandError(f"Backup failed: {exc}") from exc
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            f"Backed up {manifest['vendor']}: {len(manifest['row_counts'])} tables, "
            f"{rows} rows, {len(manifest['files'])} files → {target}"
        )
