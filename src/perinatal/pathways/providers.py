"""Who may deliver each service: the person who records it, by profession and by whether they
are conventioned (seed 002, "Dienstverlener"; docs/decisions/0025). Professions belong to
people (`User.profession`), never to organisations; taking part in the programme belongs to
the organisation (`Organisation.programme_participant`).

Each service's dated parameter (`ppa.providers`, …) lists professions, and may list
`health_insurance`: a provider under the health insurance ("verstrekker in het kader van de
ziekteverzekering"), read as a person of one of `programme.health_insurance_professions`
who is conventioned (`programme.health_insurance_conventioned`). Plain functions, no database.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from perinatal.accounts.constants import Profession

from .parameters import parameter

HEALTH_INSURANCE = "health_insurance"


@dataclass(frozen=True)
class Provider:
    """Who records a service: whether their organisation takes part in the programme, their
    profession (a `Profession` value, "" for other or none) and whether conventioned."""

    participates: bool
    profession: str = ""
    conventioned: bool = False


def provider_of(user: Any) -> Provider:
    """The provider a user is (the user acts for an organisation)."""
    return Provider(
        participates=bool(user.organisation and user.organisation.programme_participant),
        profession=user.profession,
        conventioned=user.conventioned,
    )


def under_health_insurance(provider: Provider, *, on: date) -> bool:
    """A provider under the health insurance, as the platform reads it."""
    if provider.profession not in parameter("programme.health_insurance_professions", on=on):
        return False
    return provider.conventioned or not parameter("programme.health_insurance_conventioned", on=on)


def may_deliver(providers_parameter: str, provider: Provider, *, on: date) -> bool:
    """Whether `provider` is one of those the parameter `providers_parameter` lists on `on`."""
    allowed = parameter(providers_parameter, on=on)
    if provider.profession and provider.profession in allowed:
        return True
    return HEALTH_INSURANCE in allowed and under_health_insurance(provider, on=on)


def _profession_label(value: str) -> str:
    return str(Profession(value).label).lower()


def who_may_deliver(providers_parameter: str, *, on: date) -> str:
    """The providers of `providers_parameter`, named in the user's language."""
    names = []
    for value in parameter(providers_parameter, on=on):
        if value == HEALTH_INSURANCE:
            professions = ", ".join(
                _profession_label(p)
                for p in parameter("programme.health_insurance_professions", on=on)
            )
            if parameter("programme.health_insurance_conventioned", on=on):
                names.append(
                    _("a conventioned provider under the health insurance (%(professions)s)")
                    % {"professions": professions}
                )
            else:
                names.append(
                    _("a provider under the health insurance (%(professions)s)")
                    % {"professions": professions}
                )
        else:
            names.append(_profession_label(value))
    return ", ".join(names)


def describe(provider: Provider) -> str:
    """The recording person as the refusal names them: profession, conventioned or not."""
    profession = _profession_label(provider.profession)
    if provider.conventioned:
        return _("%(profession)s, conventioned") % {"profession": profession}
    return _("%(profession)s, not conventioned") % {"profession": profession}
