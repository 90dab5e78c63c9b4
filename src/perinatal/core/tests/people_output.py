"""What people must never read on a page (decision 0031), and the pages of each role.

`problems(html, lang)` lists, for one rendered page in `lang`:
- a raw code: a value of the project's TextChoices that is not a word of the page's language
  (a text, or a part of a list, that is only the code: "fr" for French, "sent" on a Dutch
  page), or a snake_case code anywhere in the text ("already_has_booklet");
- an ISO date ("2026-12-03") in the text;
- an untranslated label: a whole text that is another language's translation of an interface
  text (a Dutch column header on a French page) or, on a Dutch or French page, the English
  msgid of a text that has a translation;
- "1 volwassenen": a count of one before a plural form of the catalogue;
- "1000 Brussel" on a French page: a postcode with the municipality's name in the other
  language.
Only visible text counts: not attributes, scripts, styles, nor elements marked `hidden`.

`role_pages(client, lang)` crawls from the account page through links only (GET, same site,
one page per shape of address) — the pages of that role with the objects the demo data gives.
"""

import re
from functools import cache
from html.parser import HTMLParser
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import trans_real

LANGS = ("nl", "fr", "en")
ISO_DATE = re.compile(r"(?<![\d/.-])\d{4}-\d{2}-\d{2}(?![\d])")
LIST = re.compile(r",\s+")
WORD = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")
# Language codes that are also words ("en" is Dutch for "and", "de", "it").
WORDS_TOO = {"en", "de", "it", "es", "nl"}
# Identifiers shown as such (rule names, file columns) are in <code>.
SKIP_TAGS = {"script", "style", "template", "head", "title", "code"}
DOTTED = re.compile(r"\w+(?:\.\w+)+")
VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base"}


class _Text(HTMLParser):
    def __init__(self, lang: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.stack: list[bool] = []  # hidden or skipped, per open element
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Any]]) -> None:
        if tag in VOID:
            return
        found = dict(attrs)
        other_language = bool(self.lang) and found.get("lang", self.lang)[:2] != self.lang
        hide = (
            tag in SKIP_TAGS
            or "hidden" in found
            or other_language  # marked as another language ("English" in the switcher)
            or (self.stack and self.stack[-1])
        )
        self.stack.append(bool(hide))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            text = " ".join(data.split())
            if text:
                self.texts.append(text)


def visible_texts(html: str, lang: str = "") -> list[str]:
    parser = _Text(lang)
    parser.feed(html)
    return parser.texts


def _all_choices() -> list[type[models.TextChoices]]:
    found, todo = [], list(models.TextChoices.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("perinatal."):
            found.append(cls)
    return found


@cache
def _catalogue(lang: str) -> dict:
    return dict(trans_real.translation(lang)._catalog.items())


@cache
def _words_of(lang: str) -> frozenset[str]:
    """Every interface text and label of the language, lower case (what is not a code)."""
    words = {str(v).lower() for v in _catalogue(lang).values() if isinstance(v, str)}
    with translation.override(lang):
        for cls in _all_choices():
            words.update(str(label).lower() for label in cls.labels)
    if lang == "en":
        words.update(str(k).lower() for k in _catalogue("nl") if isinstance(k, str))
    return frozenset(words)


@cache
def codes() -> tuple[frozenset[str], frozenset[str]]:
    """(snake_case codes, other codes) of the project's TextChoices and language lists."""
    from perinatal.directory.constants import SERVICE_LANGUAGES

    values = {str(v) for cls in _all_choices() for v in cls.values}
    snake = frozenset(v for v in values if WORD.fullmatch(v))
    plain = {v for v in values if re.fullmatch(r"[a-z]{3,}", v)}
    plain |= set(SERVICE_LANGUAGES) - WORDS_TOO
    return snake, frozenset(plain)


@cache
def _foreign_labels(lang: str) -> frozenset[str]:
    """Interface texts of the other languages that are not texts of `lang`."""
    own = _words_of(lang)
    found: set[str] = set()
    for other in LANGS:
        if other == lang:
            continue
        for msgid, msgstr in _catalogue(other).items():
            if not isinstance(msgid, str) or not isinstance(msgstr, str) or msgid == msgstr:
                continue
            text = " ".join(msgstr.split())
            if len(text) >= 6 and "%" not in text and text.lower() not in own:
                found.add(text)
    if lang != "en":
        for msgid, msgstr in _catalogue(lang).items():
            if (
                isinstance(msgid, str)
                and msgid != msgstr
                and len(msgid) >= 6
                and "%" not in msgid
                and msgid.lower() not in own
            ):
                found.add(" ".join(msgid.split()))
    return frozenset(found)


@cache
def _plural_words(lang: str) -> re.Pattern | None:
    catalogue = _catalogue(lang)
    words = set()
    for key, form in catalogue.items():
        if isinstance(key, tuple) and key[1] == 1:
            one = catalogue.get((key[0], 0), "")
            match = re.match(r"%\(\w+\)[sd] (\w+)", form)
            single = re.match(r"%\(\w+\)[sd] (\w+)", one)
            if match and single and match.group(1) != single.group(1):
                words.add(match.group(1))
    if not words:
        return None
    return re.compile(r"(?<![\d.,/])\b1 (" + "|".join(sorted(words)) + r")\b")


@cache
def _other_names(lang: str) -> dict[str, str]:
    """postcode + name in the other language → the name to use, for a French or Dutch page."""
    from perinatal.core.municipalities import municipalities

    wrong = {}
    for m in municipalities():
        if m.name_nl == m.name_fr or lang == "en":
            continue
        other = m.name_fr if lang == "nl" else m.name_nl
        for postcode in m.postcodes:
            wrong[f"{postcode} {other}"] = m.name_in(lang)
    return wrong


# Belgian terms that stay as they are in every language (STYLE.md, docs/glossary.md).
GLOSSARY = frozenset({"startgesprek", "kraamzorg", "kindboekje", "zwangerschapsboekje"})


@cache
def _own_names() -> frozenset[str]:
    """Languages by their own names ("English" in a list of languages on a Dutch page)."""
    from perinatal.directory.constants import SERVICE_LANGUAGES

    return frozenset(SERVICE_LANGUAGES.values())


def problems(html: str, lang: str) -> list[str]:
    snake, plain = codes()
    own = _words_of(lang)
    foreign = _foreign_labels(lang)
    plural = _plural_words(lang)
    other_names = _other_names(lang)
    found = []
    for text in visible_texts(html, lang):
        if text.lower() in GLOSSARY or text in _own_names():
            continue
        for word in WORD.findall(DOTTED.sub(" ", text)):
            if word in snake:
                found.append(f"raw code {word!r} in {text!r}")
        pieces = [p.strip(" .") for p in LIST.split(text)]
        if all(p in plain and p.lower() not in own for p in pieces):
            found.append(f"raw code {text!r}")
        if ISO_DATE.search(text):
            found.append(f"ISO date in {text!r}")
        if text.rstrip(":") in foreign:
            found.append(f"untranslated label {text!r}")
        if plural and plural.search(text):
            found.append(f"'1' with a plural in {text!r}")
        for wrong, right in other_names.items():
            if wrong in text:
                found.append(f"{wrong!r} instead of {right!r} in {text!r}")
    return found


# --- The pages of a role ------------------------------------------------------------------

HREF = re.compile(r'<a\b[^>]*\bhref="(/[^"#]*)"')
NOT_A_PAGE = re.compile(
    r"/i18n/|/api/|/admin/|\.pdf$|\.csv$|\.xlsx$|\.json$|/export/|/download|/static/"
    r"|/logout/|/two-factor/|/password|\?.*page=\d{2,}"
)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def shape(path: str) -> str:
    return re.sub(r"\d+", "N", UUID.sub("ID", path.split("?")[0]))


def role_pages(client: Any, lang: str, *, limit: int = 40) -> dict[str, str]:
    """Path → HTML of the pages reached from the account page through links."""
    start = f"/{lang}/account/"
    todo, pages, shapes = [start], {}, {shape(start)}
    while todo and len(pages) < limit:
        path = todo.pop(0)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[path] = html
        for link in HREF.findall(html):
            link = link.replace("&amp;", "&")
            if not link.startswith(f"/{lang}/") or NOT_A_PAGE.search(link):
                continue
            if shape(link) not in shapes:
                shapes.add(shape(link))
                todo.append(link)
    return pages
