"""What a reader needs to act on one service, gathered in the active language: what it is,
for whom, where, when, how to reach it, what it costs and needs, which languages.

The service page, the printable list and its PDF all show a `ServiceSheet`, so the three say
the same. It reads a service whose parts are loaded (`details.load_details`); the
organisation's phones and contacts are read through the organisation (prefetch them for a
list: `selectors.services_for_list`).
"""

from dataclasses import dataclass, field

from .language_fallback import CONTENT_LANGUAGES, Translated, translated
from .models import Service
from .presentation import (
    LanguageShown,
    PhoneShown,
    access_in_words,
    address_line,
    amount_in_words,
    cost_in_words,
    first_sentence,
    language_shown,
    osm_url,
    phone_shown,
    schedule_in_words,
    website_shown,
)
from .search.text import fold as text_fold


@dataclass(frozen=True)
class Place:
    name: Translated  # the location's name ("" when it has none)
    line: str  # "Deltastraat 65, 1190 Vorst"
    map_url: str  # the address on OpenStreetMap


@dataclass(frozen=True)
class PhoneLine:
    phone: PhoneShown
    note: str = ""


@dataclass(frozen=True)
class ContactLine:
    label: str  # a desk or role ("Onthaal", "Intake"), never a private person's data
    email: str


@dataclass(frozen=True)
class SpokenLanguage:
    language: LanguageShown
    note: str = ""


@dataclass(frozen=True)
class ServiceSheet:
    service: Service
    name: Translated
    organization: Translated
    description: Translated
    for_whom: Translated
    phases: list[Translated]
    needs: list[Translated]
    places: list[Place]
    hours: list[str]
    phones: list[PhoneLine]
    email: str
    website: str
    contacts: list[ContactLine]
    # True when some of the phones, e-mail, website or contacts are the organisation's
    # (the service has none of its own).
    organization_details: bool
    how_to_apply: Translated
    cost: str  # the cost category in words ("" when the description says more)
    fees: Translated  # the entry's own description of its cost
    cost_options: list[Translated]
    access: list[str]
    languages: list[SpokenLanguage] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """What it is, in one sentence (the printed list)."""
        return first_sentence(self.description.text)

    @property
    def for_whom_summary(self) -> str:
        return first_sentence(self.for_whom.text)

    @property
    def has_contact(self) -> bool:
        return bool(self.phones or self.email or self.website or self.contacts)

    @property
    def has_for_whom(self) -> bool:
        return bool(self.for_whom.text or self.phases or self.needs)

    @property
    def has_cost_or_access(self) -> bool:
        return bool(self.cost or self.fees.text or self.cost_options or self.access)

    @property
    def website_text(self) -> str:
        return website_shown(self.website)


def _phones(owner_phones) -> list[PhoneLine]:
    lines = []
    for phone in owner_phones:
        shown = phone_shown(phone.number)
        if shown is not None:
            lines.append(PhoneLine(shown, phone.description.strip()))
    return lines


def _contacts(contacts) -> list[ContactLine]:
    lines = []
    for contact in contacts:
        label = contact.department or contact.title or contact.name
        if contact.email or label:
            lines.append(ContactLine(label=label, email=contact.email))
    return lines


def _places(service: Service, lang: str) -> list[Place]:
    places = []
    for sal in service.service_at_locations.all():
        location = sal.location
        for address in location.addresses.all():
            line = address_line(
                street=address.address_1,
                street_2=address.address_2,
                postcode=address.postal_code,
                city=translated(address, "city", lang).text or address.city,
            )
            places.append(
                Place(
                    name=translated(location, "name", lang),
                    line=line,
                    map_url=osm_url(
                        line=line,
                        country=address.country,
                        latitude=location.latitude,
                        longitude=location.longitude,
                    ),
                )
            )
    return places


def _hours(service: Service, lang: str) -> list[str]:
    schedules = list(service.schedules.all())
    for sal in service.service_at_locations.all():
        schedules += list(sal.location.schedules.all())
    lines = (
        schedule_in_words(
            byday=schedule.byday,
            opens_at=schedule.opens_at,
            closes_at=schedule.closes_at,
            note=translated(schedule, "description", lang).text,
        )
        for schedule in schedules
    )
    return [line for line in dict.fromkeys(lines) if line]


def _language_order(spoken: SpokenLanguage) -> tuple:
    """The site's languages first (nl, fr, en), then the others by their name as shown."""
    code = spoken.language.code
    first = CONTENT_LANGUAGES.index(code) if code in CONTENT_LANGUAGES else len(CONTENT_LANGUAGES)
    return (first, text_fold(spoken.language.name))


def _option(option, lang: str) -> Translated:
    """A cost option as "€ 30 — per night", in the language of its words (a fallback is
    marked as one)."""
    words = translated(option, "option", lang)
    line = amount_in_words(option.amount, option.currency, words.text)
    return Translated(line, words.lang or lang, lang)


def service_sheet(service: Service, lang: str) -> ServiceSheet:
    """The sheet of a loaded service in `lang` (call it with that language active, so the
    words around the data are in it too)."""
    organization = service.organization
    phones = _phones(service.phones.all())
    for sal in service.service_at_locations.all():
        phones += _phones(sal.location.phones.all())
    contacts = _contacts(service.contacts.all())
    from_organization = False
    if not phones:
        phones = _phones(organization.phones.all())
        from_organization = bool(phones)
    if not contacts:
        contacts = _contacts(organization.contacts.all())
        from_organization = from_organization or bool(contacts)
    email = service.email or organization.email
    website = service.url or organization.website
    from_organization = from_organization or email != service.email or website != service.url
    fees = translated(service, "fees_description", lang)
    return ServiceSheet(
        service=service,
        name=translated(service, "name", lang),
        organization=translated(organization, "name", lang),
        description=translated(service, "description", lang),
        for_whom=translated(service, "eligibility_description", lang),
        phases=[translated(term, "name", lang) for term in service.phases.all()],
        needs=[translated(term, "name", lang) for term in service.needs.all()],
        places=_places(service, lang),
        hours=_hours(service, lang),
        phones=phones,
        email=email,
        website=website,
        contacts=contacts,
        organization_details=from_organization,
        how_to_apply=translated(service, "application_process", lang),
        cost=cost_in_words(service.cost_category, described=bool(fees.text), description=fees.text),
        fees=fees,
        cost_options=[
            line for option in service.cost_options.all() if (line := _option(option, lang)).text
        ],
        access=access_in_words(
            prescription_required=service.prescription_required,
            referral_required=service.referral_required,
        ),
        languages=sorted(
            (
                SpokenLanguage(language_shown(spoken.code), spoken.note.strip())
                for spoken in service.languages.all()
            ),
            key=_language_order,
        ),
    )
