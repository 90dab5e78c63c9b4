"""Kraamzorg services and requests for the intake tests: `offer_for(user)` makes the
recognised service of the user's organisation take requests (Brussels by default), and
`request_input(**overrides)` a valid `RequestInput`."""

from datetime import date, timedelta
from itertools import count
from typing import Any

from perinatal.accounts.constants import OrganisationKind, Role
from perinatal.accounts.tests.factories import OrganisationFactory, make_persona
from perinatal.kraamzorg.models import KraamzorgOffer
from perinatal.kraamzorg.services.requests import RequestInput
from perinatal.monitoring.constants import Sector
from perinatal.monitoring.models import Service

_numbers = count(1)


def offer_for(user: Any = None, **overrides: Any) -> KraamzorgOffer:
    """The offer of `user`'s organisation (a new kraamzorg organisation without a user)."""
    organisation = (
        user.organisation
        if user is not None
        else OrganisationFactory(kind=OrganisationKind.KRAAMZORG_SERVICE)
    )
    n = next(_numbers)
    service = Service.objects.create(
        service_id=f"KZ{n:05d}",
        name=overrides.pop("name", f"Kraamzorg {n}"),
        sector=overrides.pop("sector", Sector.PRIVATE),
        organisation=organisation,
    )
    values = {"postcodes": [], "areas": ["04000"], "capacity": 20, "languages": ["nl", "fr"]}
    values.update(overrides)
    return KraamzorgOffer.objects.create(service=service, **values)


def staff_of(offer: KraamzorgOffer, username: str = ""):
    """Another intake user of the offer's service."""
    fields = {"organisation": offer.service.organisation}
    if username:
        fields["username"] = username
    return make_persona(Role.KRAAMZORG_SERVICE, **fields)


def request_input(**overrides: Any) -> RequestInput:
    data = {
        "due_date": date.today() + timedelta(days=90),
        "birth_date": None,
        "postcode": "1080",
        "municipality": "Molenbeek-Saint-Jean",
        "adults": 2,
        "children": 1,
        "income_band": "B",
        "languages": ["fr"],
        "help_wanted": ["baby_care", "household"],
        "contact_name": "Sara Testouder",
        "contact_phone": "0470 00 00 00",
        "contact_email": "sara@example.org",
    }
    data.update(overrides)
    return RequestInput(**data)
