"""Factories for the parts of an entry that a reader acts on: phones, opening hours and
contacts (of a service, an organisation or a location)."""

from datetime import time

import factory

from perinatal.directory.models import Contact, Phone, Schedule


class PhoneFactory(factory.django.DjangoModelFactory):
    """PhoneFactory(service=s) or PhoneFactory(organization=o): one owner only."""

    class Meta:
        model = Phone

    number = "+32 2 216 79 44"


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    freq = "WEEKLY"
    byday = "MO,TU,WE,TH,FR"
    opens_at = time(9)
    closes_at = time(17)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    department = "Onthaal"
    email = "onthaal@example.be"
