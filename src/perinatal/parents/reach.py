"""How a family reaches an organisation or a service: its phones, e-mail and website from the
directory entry it answers for (`accounts.Organisation.directory_organization`), as people
read and tap them (`directory.presentation`). Plain functions of loaded values: the phones of
a whole page are read in one query (`phones_of`)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from perinatal.directory.models import Phone
from perinatal.directory.presentation import PhoneShown, phone_shown, website_shown


@dataclass(frozen=True)
class Reach:
    phones: list[PhoneShown] = field(default_factory=list)
    email: str = ""
    website: str = ""  # the address to open
    website_text: str = ""  # as people read it

    @property
    def empty(self) -> bool:
        return not (self.phones or self.email or self.website)


@dataclass
class Phones:
    """The numbers of a page's directory entries: per organisation (its own, then its
    services'), per service."""

    of_organisation: dict[Any, list[str]] = field(default_factory=lambda: defaultdict(list))
    of_services_of: dict[Any, list[str]] = field(default_factory=lambda: defaultdict(list))
    of_service: dict[Any, list[str]] = field(default_factory=lambda: defaultdict(list))


def phones_of(*, organisations: Iterable[Any], services: Iterable[Any]) -> Phones:
    """One query: the phones of these directory organisations (and of their services) and of
    these services."""
    org_ids = {o for o in organisations if o is not None}
    service_ids = {s for s in services if s is not None}
    found = Phones()
    if not org_ids and not service_ids:
        return found
    rows = Phone.objects.filter(
        Q(organization_id__in=org_ids)
        | Q(service_id__in=service_ids)
        | Q(service__organization_id__in=org_ids)
    ).values_list("number", "organization_id", "service_id", "service__organization_id")
    for number, organisation_id, service_id, service_organisation_id in rows:
        if organisation_id is not None:
            found.of_organisation[organisation_id].append(str(number))
        if service_id is not None:
            found.of_service[service_id].append(str(number))
            if service_organisation_id in org_ids:
                found.of_services_of[service_organisation_id].append(str(number))
    return found


def _shown(numbers: Iterable[str], at_most: int = 2) -> list[PhoneShown]:
    shown: list[PhoneShown] = []
    for number in sorted(set(numbers)):
        phone = phone_shown(number)
        if phone is not None and phone not in shown:
            shown.append(phone)
    return shown[:at_most]


def _site(url: str) -> tuple[str, str]:
    return (url, website_shown(url)) if url else ("", "")


def reach_organisation(entry: Any, phones: Phones) -> Reach:
    """A directory organisation (None: nothing known): its own phones, else its services'."""
    if entry is None:
        return Reach()
    numbers = phones.of_organisation.get(entry.pk) or phones.of_services_of.get(entry.pk, [])
    website, text = _site(entry.website)
    return Reach(_shown(numbers), entry.email, website, text)


def reach_service(service: Any, phones: Phones) -> Reach:
    """A directory service: its own contacts, else its organisation's."""
    organisation = service.organization
    numbers = phones.of_service.get(service.pk) or phones.of_organisation.get(organisation.pk, [])
    website, text = _site(service.url or organisation.website)
    return Reach(_shown(numbers), service.email or organisation.email, website, text)
