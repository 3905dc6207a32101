"""The Chinese catalogue is complete and the compiled .mo matches it (English is the msgid)."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"


def entries(catalogue):
    return {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural.get(0) or e.msgstr_plural.get("0"))
            for e in catalogue if not e.obsolete}


def test_every_interface_string_has_a_chinese_translation():
    po = polib.pofile(str(LOCALE / "django.po"))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def test_the_compiled_catalogue_is_up_to_date():
    po = entries(polib.pofile(str(LOCALE / "django.po")))
    mo = entries(polib.mofile(str(LOCALE / "django.mo")))
    po.pop((None, ""), None)
    mo.pop((None, ""), None)
    assert po == mo, "run `make messages` to rebuild locale/zh_Hans/LC_MESSAGES/django.mo"
