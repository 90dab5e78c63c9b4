"""The administrators' section "questions about accesses": a family's questions to the data
protection contact about an access to its record, not answered yet, the oldest first
(decision 0037). An item names no family: the question's page does, and logs its reading."""

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from perinatal.parents.questions import questions_open

from . import rules
from .access_log import FamiliesShown
from .items import Item, moment


def access_questions(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """Open questions of families about an access, the oldest first."""
    items = []
    for question in questions_open()[: rules.items_per_kind(on)]:
        items.append(
            Item(
                _("Question about an access"),
                _("A family asked on %(moment)s: answer it.")
                % {"moment": moment(question.asked_at)},
                reverse("parents:question_answer", args=[question.pk]),
            )
        )
    return items
