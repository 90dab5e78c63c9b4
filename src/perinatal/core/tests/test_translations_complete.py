"""The interface is complete in Dutch and French, and the compiled catalogues are current."""

import ast
import gettext
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def _entries(path: Path) -> list[dict]:
    """A small reader of .po files: msgctxt, msgid, msgid_plural, msgstr(s) and flags."""
    entries, current, key = [], {}, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if current.get("msgid") is not None:
                entries.append(current)
            current, key = {}, None
        elif line.startswith("#,"):
            current["flags"] = {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            current[key] = ast.literal_eval(value)
    return [e for e in entries if e["msgid"]]  # without the header


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_every_interface_text_is_translated(lang):
    entries = _entries(LOCALE / lang / "LC_MESSAGES" / "django.po")
    assert len(entries) > 300
    missing = [
        e["msgid"]
        for e in entries
        if not any(v for k, v in e.items() if k.startswith("msgstr"))
        or "fuzzy" in e.get("flags", set())
    ]
    assert missing == []


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_compiled_catalogue_matches_its_source(lang):
    folder = LOCALE / lang / "LC_MESSAGES"
    with open(folder / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in _entries(folder / "django.po"):
        if "msgid_plural" in entry or not entry.get("msgstr"):
            continue
        if "msgctxt" in entry:
            assert compiled.pgettext(entry["msgctxt"], entry["msgid"]) == entry["msgstr"]
        else:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]
