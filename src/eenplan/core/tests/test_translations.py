# SPDX-License-Identifier: EUPL-1.2
"""Every text the interface shows has a proper Dutch translation.

Issue 8 found English and half-translated texts on Dutch pages. The Dutch
catalogue must hold every string the code and templates mark for translation
(checked by extracting them afresh with Django's makemessages), each one
translated, none fuzzy, and with the same placeholders as the English.
"""

import re
import shutil
from pathlib import Path

import polib
from django.core.management import call_command

PACKAGE = Path(__file__).resolve().parents[2]
CATALOGUE = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def _entries():
    return [e for e in polib.pofile(str(CATALOGUE)) if not e.obsolete]


def test_every_dutch_entry_is_translated_and_not_fuzzy():
    missing = [e.msgid for e in _entries() if "fuzzy" in e.flags or not e.translated()]
    assert missing == []


def test_translations_keep_the_placeholders_of_the_english():
    different = []
    for entry in _entries():
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        texts = [entry.msgstr] if not entry.msgid_plural else []
        texts += list(entry.msgstr_plural.values()) if entry.msgid_plural else []
        for text in texts:
            if sorted(set(PLACEHOLDER.findall(text))) != sorted(set(expected)):
                different.append((entry.msgid, text))
    assert different == []


def test_the_catalogue_holds_every_string_the_code_marks(tmp_path, monkeypatch):
    copy = tmp_path / "eenplan"
    shutil.copytree(
        PACKAGE,
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "vendor", "*.mo", "tests"),
    )
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["nl"], no_obsolete=True, verbosity=0)
    fresh = {
        (e.msgctxt, e.msgid)
        for e in polib.pofile(str(copy / "locale/nl/LC_MESSAGES/django.po"))
        if not e.obsolete
    }
    committed = {(e.msgctxt, e.msgid) for e in _entries()}
    assert sorted(fresh - committed, key=str) == []
