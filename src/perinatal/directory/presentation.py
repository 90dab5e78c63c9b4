"""How directory facts read to people: phones, opening hours, addresses, languages, costs and
access conditions, in words of the active language (the page's, or the family's on a printed
list: callers wrap them in `translation.override`).

Pure functions of plain values: no database, no request. The service page and the printable
list (`service_sheet.py`) are built from them, so both say the same thing the same way.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time
from decimal import Decimal
from urllib.parse import quote, urlencode

import phonenumbers

from django.utils.dates import WEEKDAYS
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from .constants import SERVICE_LANGUAGES, CostCategory

# --- Phones ------------------------------------------------------------------------------

HOME_REGION = "BE"


@dataclass(frozen=True)
class PhoneShown:
    text: str  # as people dial it: "02 216 79 44" (Belgian national format)
    href: str  # "tel:+3222167944"


def phone_shown(number: object) -> PhoneShown | None:
    """A stored number ("+32 2 216 79 44", or E.164 "+3222167944") as people read and tap it:
    Belgian numbers in the national format, foreign ones in the international format, and
    what phonenumbers cannot read (a short number such as 1733) as it is stored."""
    # The model gives a PhoneNumber (E.164, or a short number as dialled); tests give text.
    raw = " ".join(str(number or "").split())
    if not raw:
        return None
    try:
        parsed = phonenumbers.parse(raw, HOME_REGION)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        digits = "".join(ch for ch in raw if ch.isdigit() or ch == "+")
        return PhoneShown(text=raw, href=f"tel:{digits}") if digits else None
    home = phonenumbers.region_code_for_number(parsed) == HOME_REGION
    shown = phonenumbers.format_number(
        parsed,
        phonenumbers.PhoneNumberFormat.NATIONAL
        if home
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL,
    )
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return PhoneShown(text=shown, href=f"tel:{e164}")


# --- Opening hours (HSDS `schedule`) ----------------------------------------------------------

# iCalendar BYDAY codes, Monday first (Django's WEEKDAYS: 0 is Monday).
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def and_list(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c" in the active language."""
    if len(items) < 2:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def days_in_words(byday: str) -> str | None:
    """ "MO,TU,WE,TH,FR" as "Monday to Friday" ("maandag tot vrijdag", "du lundi au
    vendredi"); None when the days are not plain weekdays (an RRULE "1MO" is not read)."""
    codes = [code.strip().upper() for code in byday.split(",") if code.strip()]
    if not codes or any(code not in DAY_CODES for code in codes):
        return None
    days = sorted({DAY_CODES.index(code) for code in codes})
    if len(days) == len(DAY_CODES):
        return _("every day")
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    items: list[str] = []
    for run in runs:
        if len(run) >= 3:
            items.append(
                pgettext("a range of weekdays", "%(first)s to %(last)s")
                % {"first": WEEKDAYS[run[0]], "last": WEEKDAYS[run[-1]]}
            )
        else:
            items.extend(str(WEEKDAYS[day]) for day in run)
    return and_list(items)


def time_in_words(moment: time) -> str:
    """9:00 / 9.00 / 9 h; 9:30 / 9.30 / 9 h 30."""
    if moment.minute == 0:
        return pgettext("time of day, a whole hour", "%(hour)s:00") % {"hour": moment.hour}
    return pgettext("time of day", "%(hour)s:%(minute)s") % {
        "hour": moment.hour,
        "minute": f"{moment.minute:02d}",
    }


def hours_in_words(opens_at: time | None, closes_at: time | None) -> str:
    """ "9:00–17:00" / "9.00–17.00 uur" / "de 9 h à 17 h"; one end alone as "from"/"until"."""
    if opens_at and closes_at:
        return pgettext("opening hours", "%(opens)s–%(closes)s") % {
            "opens": time_in_words(opens_at),
            "closes": time_in_words(closes_at),
        }
    if opens_at:
        return pgettext("opening hours", "from %(opens)s") % {"opens": time_in_words(opens_at)}
    if closes_at:
        return pgettext("opening hours", "until %(closes)s") % {"closes": time_in_words(closes_at)}
    return ""


def schedule_in_words(
    *, byday: str = "", opens_at: time | None = None, closes_at: time | None = None, note: str = ""
) -> str:
    """One schedule as a line: "Monday to Friday, 9:00–17:00 (by appointment)". The note is
    the schedule's description in the language shown; alone when the days cannot be read."""
    days = days_in_words(byday) if byday else None
    hours = hours_in_words(opens_at, closes_at)
    if days and hours:
        when = pgettext("days and opening hours", "%(days)s, %(hours)s") % {
            "days": days,
            "hours": hours,
        }
    else:
        when = days or hours
    note = note.strip()
    if when and note:
        return _("%(when)s (%(note)s)") % {"when": when, "note": note}
    return when or note


# --- Addresses ----------------------------------------------------------------------------------

OSM_SEARCH = "https://www.openstreetmap.org/search"
OSM_MAP = "https://www.openstreetmap.org/"
COUNTRY_FOR_SEARCH = {"BE": "Belgium"}


def address_line(*, street: str, street_2: str = "", postcode: str, city: str) -> str:
    """ "Deltastraat 65, 1190 Vorst": the parts that are there, the city already in the
    language shown."""
    place = " ".join(part for part in (postcode.strip(), city.strip()) if part)
    return ", ".join(part for part in (street.strip(), street_2.strip(), place) if part)


def osm_url(
    *,
    line: str = "",
    country: str = "BE",
    latitude: Decimal | float | None = None,
    longitude: Decimal | float | None = None,
) -> str:
    """The place on OpenStreetMap: its point when the location has coordinates, otherwise a
    search for the address line."""
    if latitude is not None and longitude is not None:
        lat, lon = f"{Decimal(str(latitude)):f}", f"{Decimal(str(longitude)):f}"
        return f"{OSM_MAP}?{urlencode({'mlat': lat, 'mlon': lon})}#map=18/{lat}/{lon}"
    query = ", ".join(part for part in (line, COUNTRY_FOR_SEARCH.get(country, country)) if part)
    return f"{OSM_SEARCH}?query={quote(query)}"


# --- Languages ----------------------------------------------------------------------------------

# Names of the languages services speak, in the reader's language (SERVICE_LANGUAGES holds
# each one's own name).
LANGUAGE_NAMES = {
    "nl": pgettext_lazy("language name", "Dutch"),
    "fr": pgettext_lazy("language name", "French"),
    "en": pgettext_lazy("language name", "English"),
    "de": pgettext_lazy("language name", "German"),
    "es": pgettext_lazy("language name", "Spanish"),
    "it": pgettext_lazy("language name", "Italian"),
    "pt": pgettext_lazy("language name", "Portuguese"),
    "ar": pgettext_lazy("language name", "Arabic"),
    "tr": pgettext_lazy("language name", "Turkish"),
    "ro": pgettext_lazy("language name", "Romanian"),
    "pl": pgettext_lazy("language name", "Polish"),
    "bg": pgettext_lazy("language name", "Bulgarian"),
    "ru": pgettext_lazy("language name", "Russian"),
    "uk": pgettext_lazy("language name", "Ukrainian"),
    "fa": pgettext_lazy("language name", "Persian"),
    "ps": pgettext_lazy("language name", "Pashto"),
    "so": pgettext_lazy("language name", "Somali"),
    "ti": pgettext_lazy("language name", "Tigrinya"),
    "am": pgettext_lazy("language name", "Amharic"),
    "ln": pgettext_lazy("language name", "Lingala"),
    "sw": pgettext_lazy("language name", "Swahili"),
    "ber": pgettext_lazy("language name", "Berber (Tamazight)"),
}


@dataclass(frozen=True)
class LanguageShown:
    code: str
    name: str  # in the language shown: "Arabic", "Arabisch", "arabe"
    own_name: str  # "العربية"; empty when it says nothing more than `name`


def language_shown(code: str) -> LanguageShown:
    """A language code as its name in the language shown, with its own name beside it for
    the languages the site is not in; an unknown code stays as it is."""
    code = code.strip().lower()
    name = str(LANGUAGE_NAMES.get(code, code))
    own = SERVICE_LANGUAGES.get(code, "")
    return LanguageShown(code=code, name=name, own_name="" if code in ("nl", "fr", "en") else own)


def languages_shown(codes: Iterable[str]) -> list[LanguageShown]:
    return [language_shown(code) for code in dict.fromkeys(codes) if code.strip()]


# --- Cost and access conditions -----------------------------------------------------------

COST_SENTENCES = {
    CostCategory.FREE: pgettext_lazy("cost in words", "Free of charge."),
    CostCategory.SOCIAL_TARIFF: pgettext_lazy(
        "cost in words", "A reduced (social) tariff for people with a low income."
    ),
    CostCategory.REIMBURSED: pgettext_lazy(
        "cost in words", "Reimbursed by the health insurance fund."
    ),
    CostCategory.PAYING: pgettext_lazy("cost in words", "You pay for this service."),
    CostCategory.VARIES: pgettext_lazy(
        "cost in words", "The cost depends on the provider: ask them before you go."
    ),
}


def cost_in_words(category: str, *, described: bool = False, description: str = "") -> str:
    """The cost category as a sentence in plain words. "Depends on the provider" says
    nothing that an entry's own description of its cost (`described`) does not say better,
    so it is left out then; so is a category that the description opens with ("Gratuit pour
    les…" after "Gratuit.": no repeated label, decision 0031)."""
    if category == CostCategory.VARIES and described:
        return ""
    if category in CostCategory.values and description.strip().lower().startswith(
        str(CostCategory(category).label).lower()
    ):
        return ""
    sentence = COST_SENTENCES.get(category)  # type: ignore[call-overload]
    return str(sentence) if sentence else ""


def amount_in_words(amount: Decimal | None, currency: str, option: str) -> str:
    """ "€ 250 — stay" ("€ 30,00 — per night"), the amount in the language's number format."""
    if amount is None:
        return option
    places = 0 if amount == amount.to_integral_value() else 2
    number = number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
    money = f"€\xa0{number}" if currency == "EUR" else f"{number}\xa0{currency}"
    return f"{money} — {option}" if option else money


def access_in_words(
    *, prescription_required: bool | None, referral_required: bool | None
) -> list[str]:
    """What is needed to go: only what is known. An unknown need is not a fact a reader can
    act on, so nothing is said about it (never "Unknown")."""
    lines: list[str] = []
    if prescription_required is True:
        lines.append(_("A prescription is needed."))
    elif prescription_required is False:
        lines.append(_("No prescription needed."))
    if referral_required is True:
        lines.append(_("A referral is needed."))
    elif referral_required is False:
        lines.append(_("You can go without a referral."))
    return lines


def website_shown(url: str) -> str:
    """A website as people read it: "www.pass-ages.be/nederlands-1" for
    "https://www.pass-ages.be/nederlands-1/"."""
    text = url.strip()
    for scheme in ("https://", "http://"):
        text = text.removeprefix(scheme)
    return text.rstrip("/")


# --- Short texts for a list -------------------------------------------------------------------

SENTENCE_END = re.compile(r"[.!?;]\s+(?=\S)")


def first_sentence(text: str, limit: int = 180) -> str:
    """The first sentence of a text, for a one-line summary (a full stop followed by a small
    letter, as in "o.a. de" or "e.g. a", does not end it); cut at a word, with "…", when it
    is longer than `limit` characters."""
    text = " ".join(text.split())
    for end in SENTENCE_END.finditer(text):
        if text[end.end()].isupper() or text[end.end()].isdigit():
            text = text[: end.start() + 1].removesuffix(";")
            break
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"
