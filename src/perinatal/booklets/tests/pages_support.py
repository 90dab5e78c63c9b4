"""Helpers for the ask-first page tests: its URLs and the POSTs it takes."""

from datetime import date
from typing import Any

from django.urls import reverse

from perinatal.pathways.models import Pregnancy
from perinatal.pathways.tests.factories import mother, national_number_for, register

MOTHER_NUMBER = national_number_for(date(1994, 3, 12), 7)
CHILD_NUMBER = national_number_for(date(2024, 11, 2), 41)
UNKNOWN_NUMBER = national_number_for(date(1991, 6, 5), 19)


def ask_url() -> str:
    return reverse("booklets:ask")


def status_url(pregnancy: Pregnancy) -> str:
    return f"{ask_url()}?pregnancy={pregnancy.public_id}"


def family_with_number(by: Any, number: str = MOTHER_NUMBER, **overrides: Any) -> Pregnancy:
    return register(by, mother=mother(national_number=number, no_national_number=""), **overrides)


def ask(client: Any, number: str) -> Any:
    return client.post(ask_url(), {"action": "ask", "national_number": number})


def act(client: Any, pregnancy: Pregnancy, action: str, child: int = 1, **fields: Any) -> Any:
    """POST one of the family's forms (`hand_out`, `replace`, `cancel`) for child `child`."""
    data = {"action": action, "child": str(child)}
    data |= {f"{action}{child}-{name}": value for name, value in fields.items()}
    return client.post(status_url(pregnancy), data)


def hand_out(client: Any, pregnancy: Pregnancy, child: int = 1, **fields: Any) -> Any:
    fields.setdefault("on", date.today().isoformat())
    return act(client, pregnancy, "hand_out", child, **fields)
