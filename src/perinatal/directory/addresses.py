"""Addresses the editors write: the checks on a Belgian postcode.

A Belgian postcode is four digits from 1000 to 9999 (bpost). Whether the postcode exists, and
which municipality it belongs to, is checked against the official list where the directory
keeps it (the areas served); `postcode_clean` is the one place a form asks.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

POSTCODE = re.compile(r"[1-9][0-9]{3}")


def postcode_clean(value: str) -> str:
    """The postcode as stored ("1190"); raises ValidationError with the reason."""
    postcode = "".join(str(value).split())
    if not POSTCODE.fullmatch(postcode):
        raise ValidationError(
            _("“%(postcode)s” is not a Belgian postcode: four digits, such as 1190."),
            code="postcode_format",
            params={"postcode": value},
        )
    return postcode
