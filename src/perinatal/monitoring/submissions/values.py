"""The values of a submission as Belgian offices write them: the province or region as a
Dutch or French name or NIS code in any case and with or without accents, the newborn mark
as 1/0, true/false, ja/nee or oui/non, and hours with a decimal point or comma (seeds 001 and 004).

Each parser answers the clean value, or raises `BadValue` with the code of `errors.py`.
"""

import re
import unicodedata
from decimal import Decimal
from typing import Any

from ..constants import REPORT_AREAS, Sector


class BadValue(ValueError):
    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code = code
        self.params = params


def _fold(text: str) -> str:
    """Lower case, no accents, hyphens and runs of spaces as one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().replace("-", " ").replace("_", " ").split())


# Other names the offices use for the Brussels-Capital Region.
_ALIASES = {
    "04000": ("Brussel", "Bruxelles", "Brussels", "Brussel-Hoofdstad", "Bruxelles-Capitale"),
}


def _province_names() -> dict[str, str]:
    names = {}
    for area in REPORT_AREAS:
        for text in (area.name_nl, area.name_fr, area.name_en, *_ALIASES.get(area.nis, ())):
            names[_fold(text)] = area.nis
        names[area.nis] = area.nis
        names[area.nis.lstrip("0")] = area.nis  # a spreadsheet drops the leading zero: 4000
    return names


PROVINCES = _province_names()


def parse_province(text: str) -> str:
    """The NIS code of the area (seed DOMAIN.md §5): "Oost-Vlaanderen", "flandre orientale",
    "40000", "BRUXELLES" …"""
    nis = PROVINCES.get(_fold(text))
    if nis is None:
        raise BadValue("unknown_province")
    return nis


NEWBORN = {
    "1": True,
    "0": False,
    "true": True,
    "false": False,
    "ja": True,
    "nee": False,
    "oui": True,
    "non": False,
    "yes": True,
    "no": False,
}


def parse_newborn(text: str) -> bool:
    value = NEWBORN.get(text.strip().lower())
    if value is None:
        raise BadValue("bad_newborn")
    return value


SECTORS = frozenset(Sector.values)


def parse_sector(text: str) -> str:
    value = text.strip().lower()
    if value not in SECTORS:
        raise BadValue("bad_sector")
    return value


_NUMBER = re.compile(r"(\d+)(?:\.(\d+))?\Z")


def parse_hours(text: str, *, decimal_comma: bool, places: int, maximum: Decimal) -> str:
    """The hours as a plain decimal text ("12.5"), checked: not negative, at most `places`
    decimals, at most `maximum`. A decimal comma is expected exactly when `decimal_comma`."""
    value = text.strip()
    if not value:
        raise BadValue("required")
    if decimal_comma:
        if "." in value:
            raise BadValue("mixed_decimal", expected=",", found=".")
        value = value.replace(",", ".", 1)
    elif "," in value:
        raise BadValue("mixed_decimal", expected=".", found=",")
    negative = value.startswith("-")
    match = _NUMBER.match(value[1:] if negative else value)
    if match is None:
        raise BadValue("bad_number")
    decimals = match.group(2) or ""
    if len(decimals.rstrip("0")) > places:
        raise BadValue("too_many_decimals", places=places)
    if negative:
        if set(match.group(0)) - {"0", "."}:
            raise BadValue("negative_hours")
        return "0"
    if Decimal(value) > maximum:
        raise BadValue("absurd_hours", max=maximum)
    return value
