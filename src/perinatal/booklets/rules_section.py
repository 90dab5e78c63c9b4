"""The Kindboekje procedure on the public rules page (`/<lang>/rules/?on=DAY`): its steps in
force on that day, in words, and the booklet parameters with their sources and history."""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perinatal.core.parameters import NotInForce

from .constants import Channel
from .parameters import all_parameters
from .rules import procedure

SITUATION_WORDS = {
    "always": "",
    "in_pregnancy": gettext_lazy("in pregnancy"),
    "after_birth": gettext_lazy("after birth"),
    "after_birth_without_postnatal_midwife": gettext_lazy(
        "after birth, for a family with none in pregnancy and no postnatal care by an "
        "independent midwife"
    ),
    "nicu_admission": gettext_lazy("for a newborn's long admission"),
}


def procedure_lines(day: date) -> list[str]:
    """ "Step 1: Kind en Gezin, start conversation in pregnancy (in pregnancy)", …"""
    try:
        rules = procedure(day)
    except NotInForce:
        return []
    lines = []
    for spec in rules["steps"]:
        when = str(SITUATION_WORDS[spec["when"]])
        text = _("Step %(step)s: %(channel)s") % {
            "step": spec["step"],
            "channel": Channel(spec["channel"]).label,
        }
        lines.append(f"{text} ({when})" if when else text)
    for spec in rules["exceptions"]:
        lines.append(
            _("Exception: %(channel)s (%(when)s)")
            % {"channel": Channel(spec["channel"]).label, "when": SITUATION_WORDS[spec["when"]]}
        )
    for channel in rules["also_allowed"]:
        lines.append(
            _("Outside its turn, with a reason: %(channel)s") % {"channel": Channel(channel).label}
        )
    lines.append(_("Every other channel may not hand out the Kindboekje."))
    return lines


def section(day: date) -> dict[str, Any]:
    return {
        "anchor": "kindboekje",
        "title": _("Kindboekje: who hands it out, and booklet orders"),
        "lines": procedure_lines(day),
        "parameters": list(all_parameters().values()),
    }
