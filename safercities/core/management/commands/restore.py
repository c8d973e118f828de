"""``manage.py restore FILE``: put a backup back (database and files), then check it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safercities.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the configured database (or "
        "--database-url) and MEDIA_ROOT/PRIVATE_MEDIA_ROOT. Stop the Hub first."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", help="the .tar.gz made by manage.py backup")
        parser.add_argument("--database-url", help="restore into this database instead")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask; the current data is replaced"
        )

    def handle(self, *args, source, database_url=None, yes=False, **options) -> None:
        if not yes:
            answer = input("This replaces the database and the uploaded files. Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            manifest = restore_backup(Path(source), database_url)
        except (BackupError, OSError) as exc:
            raise CommandError(f"Restore failed: {exc}") from exc
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']}: "
            f"{len(manifest['row_counts'])} tables (row counts checked), "
            f"{len(manifest['files'])} files. Run `manage.py migrate` if the code is newer."
        )
