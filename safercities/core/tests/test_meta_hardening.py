"""Project-wide rules that keep the hardening true for code written later (other apps too)."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
#: Writers of files that hold no user text (synthetic test exports built from a definition).
NO_USER_TEXT = {"instruments/synthetic.py"}
#: Writers of files only the importer reads back, never opened in a spreadsheet: sanitising
#: would change the answers (direct sync writes each pulled KoboToolbox page as a Kobo CSV).
IMPORTER_INPUT = {"diagnosis/sync.py"}
WRITERS = ("csv.writer(", "csv.DictWriter(", "Workbook(")
RAW_FEEDS = ("Atom1Feed", "Rss201rev2Feed", "RssUserland091Feed")


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if "/tests/" in f"/{relative}" or "/migrations/" in relative:
            continue
        yield relative, path.read_text(encoding="utf-8")


def test_every_csv_and_spreadsheet_writer_uses_the_sanitiser():
    offenders = [
        relative
        for relative, source in _modules()
        if relative not in NO_USER_TEXT | IMPORTER_INPUT | {"core/sanitize.py"}
        and any(writer in source for writer in WRITERS)
        and "safercities.core.sanitize" not in source
    ]
    assert offenders == [], "write rows through csv_row()/spreadsheet_row() (core/sanitize.py)"


def test_every_feed_uses_the_safe_feed_type():
    offenders = [
        relative
        for relative, source in _modules()
        if any(f"feed_type = {name}" in source for name in RAW_FEEDS)
    ]
    assert offenders == [], "use feed_type = SafeAtomFeed (safercities/core/feeds.py)"
