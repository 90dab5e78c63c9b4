"""Checking the Brussels directory file (`data/brussels.yaml`) before anything is written:
every problem listed with its entry key and field, so a file with one bad entry is refused
whole (`brussels.load`)."""

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from .brussels_parts import doubts_problems
from .constants import CostCategory, Need, OrganizationKind, Phase
from .phones import PhoneNumberProblem, phone_normalise

LANGS = ("nl", "fr", "en")


def _texts(entry: dict, name: str, where: str, problems: list[str], required: bool) -> dict:
    value = entry.get(name)
    if value is None:
        if required:
            problems.append(
                _("%(where)s: field “%(field)s” is missing") % {"where": where, "field": name}
            )
        return {}
    if not isinstance(value, dict) or not set(value) <= set(LANGS):
        problems.append(
            _("%(where)s: field “%(field)s” must map nl/fr/en to text")
            % {"where": where, "field": name}
        )
        return {}
    if required and not all(str(value.get(lang) or "").strip() for lang in ("nl", "fr")):
        problems.append(
            _("%(where)s: field “%(field)s” needs both Dutch and French text")
            % {"where": where, "field": name}
        )
    return {lang: str(text).strip() for lang, text in value.items() if text}


def _check_choice(
    value: Any, allowed: Iterable[str], where: str, name: str, problems: list[str]
) -> None:
    allowed = list(allowed)
    if value not in allowed:
        problems.append(
            _("%(where)s: “%(value)s” is not a valid %(field)s (allowed: %(allowed)s)")
            % {"where": where, "value": value, "field": name, "allowed": ", ".join(allowed)}
        )


def _check_contacts(entry: dict, where: str, problems: list[str]) -> None:
    for name, validator in (("website", URLValidator()), ("email", EmailValidator())):
        if entry.get(name):
            try:
                validator(str(entry[name]))
            except ValidationError:
                problems.append(
                    _("%(where)s: “%(value)s” is not a valid %(field)s")
                    % {"where": where, "value": entry[name], "field": name}
                )
    phones = entry.get("phones", [])
    if not isinstance(phones, list) or not all(isinstance(p, str | int) for p in phones):
        problems.append(_("%(where)s: phones must be a list of numbers") % {"where": where})
        return
    for number in phones:
        try:
            phone_normalise(str(number))
        except PhoneNumberProblem as problem:
            problems.append(
                _("%(where)s: field “phones”: %(problem)s") % {"where": where, "problem": problem}
            )


def _check_reachable(svc: dict, where: str, problems: list[str]) -> None:
    """A reader must learn how to reach the service: a phone, website, e-mail or address on
    it, or else words saying whom to call or where to look (HSDS `application_process`)."""
    how = _texts(svc, "application_process", where, problems, required=False)
    if any(svc.get(name) for name in ("phones", "website", "email", "locations")):
        return
    if not (how.get("nl") and how.get("fr")):
        problems.append(
            _(
                "%(where)s: gives no phone, website, e-mail or address, so field "
                "“application_process” (how to apply) needs Dutch and French text"
            )
            % {"where": where}
        )


def validate(data: Any) -> list[str]:
    """Every problem in the file, as readable lines naming the entry and the field."""
    problems: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("organizations"), list):
        return [_("the file must hold a mapping with a list “organizations”")]
    keys: set[str] = set()
    for i, org in enumerate(data["organizations"], start=1):
        where = _("organisation #%(n)s (%(key)s)") % {"n": i, "key": org.get("key", "?")}
        if not isinstance(org, dict):
            problems.append(_("%(where)s: not a mapping") % {"where": where})
            continue
        for key in [org.get("key")] + [
            s.get("key") for s in org.get("services") or [] if isinstance(s, dict)
        ]:
            if not key or not isinstance(key, str):
                problems.append(_("%(where)s: an entry has no key") % {"where": where})
            elif key in keys:
                problems.append(
                    _("%(where)s: key “%(key)s” is used twice") % {"where": where, "key": key}
                )
            else:
                keys.add(key)
        _texts(org, "name", where, problems, required=True)
        _texts(org, "description", where, problems, required=False)
        _check_choice(org.get("kind", "other"), OrganizationKind.values, where, "kind", problems)
        _check_contacts(org, where, problems)
        services = org.get("services")
        if not isinstance(services, list) or not services:
            problems.append(_("%(where)s: needs at least one service") % {"where": where})
            continue
        for svc in services:
            swhere = _("service %(key)s") % {"key": svc.get("key", "?")}
            _texts(svc, "name", swhere, problems, required=True)
            _texts(svc, "description", swhere, problems, required=True)
            for optional in ("conditions", "cost_description"):
                _texts(svc, optional, swhere, problems, required=False)
            _check_reachable(svc, swhere, problems)
            problems += doubts_problems(svc, swhere)
            for phase in svc.get("phases") or [None]:
                _check_choice(phase, Phase.values, swhere, "phase", problems)
            for need in svc.get("needs") or []:
                _check_choice(need, Need.values, swhere, "need", problems)
            _check_choice(svc.get("cost", "varies"), CostCategory.values, swhere, "cost", problems)
            for flag in ("programme_1000_days", "prescription_required", "referral_required"):
                if flag in svc and not isinstance(svc[flag], bool):
                    problems.append(
                        _("%(where)s: “%(field)s” must be true or false")
                        % {"where": swhere, "field": flag}
                    )
            for option in svc.get("cost_options") or []:
                try:
                    if Decimal(str(option.get("amount"))) < 0:
                        raise InvalidOperation
                except (InvalidOperation, AttributeError):
                    problems.append(
                        _("%(where)s: a cost amount is not a positive number") % {"where": swhere}
                    )
            for loc in svc.get("locations") or []:
                address = (loc or {}).get("address") or {}
                if not address.get("street") or not str(address.get("postcode", "")).isdigit():
                    problems.append(
                        _("%(where)s: a location needs a street and a numeric postcode")
                        % {"where": swhere}
                    )
            _check_contacts(
                {
                    "website": svc.get("website"),
                    "email": svc.get("email"),
                    "phones": svc.get("phones", []),
                },
                swhere,
                problems,
            )
    return problems
