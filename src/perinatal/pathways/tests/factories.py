"""Families for tests: `register(by, **overrides)` registers a pregnancy through the service
(so the access log and the care team are real). Valid test national numbers are made with
`national_number_for(birth_date, serial)` (python-stdnum's check digits), never real ones.
"""

from datetime import date, timedelta
from typing import Any

from stdnum.be import nn

from perinatal.pathways.services import families
from perinatal.pathways.services.families import ChildInput, PersonInput

BRUSSELS_POSTCODE = "1080"


def national_number_for(birth_date: date, serial: int = 1) -> str:
    """A valid national number (the check digits computed as the register does)."""
    base = f"{birth_date:%y%m%d}{serial:03d}"
    century = "2" if birth_date.year >= 2000 else ""
    check = 97 - int(century + base) % 97
    number = f"{base}{check:02d}"
    assert nn.is_valid(number), number
    return number


def mother(**overrides: Any) -> PersonInput:
    data = {
        "given_name": "Amina",
        "family_name": "Testmoeder",
        "birth_date": date(1994, 3, 12),
        "national_number": "",
        "no_national_number": "not_yet_known",
        "languages": ["fr"],
    }
    data.update(overrides)
    return PersonInput(**data)


def register(by: Any, *, request: Any = None, **overrides: Any):
    """A pregnancy registered by `by` (a care professional), due in 100 days by default."""
    today = overrides.pop("registered_on", date.today())
    data = {
        "mother": overrides.pop("mother", None) or mother(),
        "partner": None,
        "postcode": BRUSSELS_POSTCODE,
        "municipality": "Molenbeek-Saint-Jean",
        "languages": ["fr", "ar"],
        "due_date": today + timedelta(days=100),
        "registered_on": today,
        "consent_to_share": True,
    }
    data.update(overrides)
    return families.pregnancy_register(by=by, request=request, **data)


def child(**overrides: Any) -> ChildInput:
    return ChildInput(**{"given_name": "Noor", **overrides})


def participate(user: Any) -> Any:
    """Let the user's organisation take part in the first-1000-days programme."""
    user.organisation.programme_participant = True
    user.organisation.save(update_fields=["programme_participant"])
    return user
