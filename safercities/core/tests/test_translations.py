"""Every UI string has a translation in every shipped language.

The strings are extracted afresh from the source (a copy, so the repository is not
touched) and compared with the shipped catalogs: a new string nobody translated, or an
entry left empty or fuzzy, fails here.
"""

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

PACKAGE = Path(settings.PACKAGE_DIR)
SHIPPED = [code for code, _ in settings.LANGUAGES if code != "en"]


def _locale_dir(code: str) -> str:
    language, _, script = code.partition("-")
    return f"{language}_{script.title()}" if script else language


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> polib.POFile:
    root = tmp_path_factory.mktemp("extract") / "safercities"
    shutil.copytree(
        PACKAGE,
        root,
        ignore=shutil.ignore_patterns("locale", "static", "__pycache__", "tests", "*.sqlite3"),
    )
    (root / "locale").mkdir()
    cwd = os.getcwd()
    try:
        os.chdir(root)
        with override_settings(LOCALE_PATHS=[str(root / "locale")]):
            call_command("makemessages", locale=["th"], no_location=True, verbosity=0)
    finally:
        os.chdir(cwd)
    return polib.pofile(str(root / "locale" / "th" / "LC_MESSAGES" / "django.po"))


def test_the_source_has_ui_strings(extracted):
    assert len(extracted) > 200


@pytest.mark.parametrize("code", SHIPPED)
def test_every_ui_string_is_translated(extracted, code):
    path = PACKAGE / "locale" / _locale_dir(code) / "LC_MESSAGES" / "django.po"
    shipped = {
        (entry.msgctxt, entry.msgid): entry
        for entry in polib.pofile(str(path))
        if not entry.obsolete
    }
    missing = []
    for entry in extracted:
        found = shipped.get((entry.msgctxt, entry.msgid))
        if found is None or "fuzzy" in found.flags:
            missing.append(entry.msgid)
        elif entry.msgid_plural:
            if not found.msgstr_plural or not all(found.msgstr_plural.values()):
                missing.append(entry.msgid)
        elif not found.msgstr.strip():
            missing.append(entry.msgid)
    assert not missing, f"{len(missing)} strings lack a {code} translation: {missing[:10]}"
