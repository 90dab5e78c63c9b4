"""The one read of a home page: `home_for(user=…, on=…, request=…)` runs the sections of the
user's role (`sections.kinds_for`) and writes every family they name to the access log in
the same transaction (`access_log.FamiliesShown`). Each section is a bounded query."""

from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse

from .access_log import FamiliesShown
from .items import Home, Section
from .sections import kinds_for, read


@transaction.atomic
def home_for(*, user: Any, on: date, request: Any = None) -> Home:
    """The home page of `user` on `on`: its sections, each with its items (possibly none)."""
    shown = FamiliesShown()
    sections = []
    for kind in kinds_for(user):
        items = read(kind, user=user, on=on, shown=shown)
        more_url = reverse(kind.more) if kind.more else ""
        if more_url and kind.more_query:
            more_url = f"{more_url}?{kind.more_query}"
        sections.append(
            Section(
                key=kind.key,
                heading=str(kind.heading),
                empty=str(kind.empty),
                items=items,
                more_url=more_url,
                more_label=str(kind.more_label),
            )
        )
    shown.write(by=user, request=request)
    return Home(sections=sections)
