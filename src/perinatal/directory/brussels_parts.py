"""The parts of a Brussels entry beside its own fields (phases, needs, languages, cost options,
phones, locations), read from the file and from the database in one comparable shape, so a
reload with `--update` rewrites only the parts that differ; and the source's doubts, filed once
each as an open report in the editors' queue."""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .constants import ReportKind
from .models import ErrorReport, Organization, Service
from .phones import phone_normalise
from .services import report_submit

LANGS = ("nl", "fr", "en")
PARTS = ("phases", "needs", "languages", "cost_options", "phones", "locations")


def phone_number(value: Any) -> str:
    """A phone number of the file as the loader stores it (E.164, or a short number).

    The file's numbers were checked by `validate()` before anything is written."""
    return phone_normalise(str(value))


def _amount(value: Any) -> str:
    return str(Decimal(str(value)).quantize(Decimal("0.01")))


def _langs(texts: dict | None) -> list[str]:
    return [str((texts or {}).get(lang) or "") for lang in LANGS]


def _line(*values: str) -> str:
    return " | ".join(values)


def city_texts(city: Any) -> dict:
    """The file's city: one name for every language, or a mapping per language."""
    if isinstance(city, str):
        return {"nl": city, "fr": city}
    return city or {}


def file_parts(svc: dict) -> dict[str, list[str]]:
    """The parts of a service as the file gives them."""
    return {
        "phases": sorted(set(svc.get("phases") or [])),
        "needs": sorted(set(svc.get("needs") or [])),
        "languages": sorted(set(svc.get("languages") or [])),
        "cost_options": sorted(
            _line(_amount(o["amount"]), o.get("currency", "EUR"), *_langs(o.get("option")))
            for o in svc.get("cost_options") or []
        ),
        "phones": sorted(phone_number(n) for n in svc.get("phones") or []),
        "locations": sorted(
            _line(
                *_langs(loc.get("name")),
                str(loc["address"]["street"]),
                str(loc["address"]["postcode"]),
                *_langs(city_texts(loc["address"].get("city"))),
            )
            for loc in svc.get("locations") or []
        ),
    }


def stored_parts(service: Service) -> dict[str, list[str]]:
    """The same parts as the database holds them for `service`."""
    locations = [
        _line(
            *(getattr(sal.location, f"name_{lang}") or "" for lang in LANGS),
            address.address_1,
            address.postal_code,
            *(getattr(address, f"city_{lang}") or "" for lang in LANGS),
        )
        for sal in service.service_at_locations.select_related("location")
        for address in sal.location.addresses.all()
    ]
    return {
        "phases": sorted(service.phases.values_list("code", flat=True)),
        "needs": sorted(service.needs.values_list("code", flat=True)),
        "languages": sorted(service.languages.values_list("code", flat=True)),
        "cost_options": sorted(
            _line(
                _amount(o.amount),
                o.currency,
                *(getattr(o, f"option_{lang}") or "" for lang in LANGS),
            )
            for o in service.cost_options.all()
        ),
        "phones": sorted(str(n) for n in service.phones.values_list("number", flat=True)),
        "locations": sorted(locations),
    }


def parts_changes(service: Service, svc: dict) -> dict[str, list[list[str]]]:
    """{part: [stored, file]} for every part that differs."""
    before, after = stored_parts(service), file_parts(svc)
    return {part: [before[part], after[part]] for part in PARTS if before[part] != after[part]}


def org_phones_changes(org: Organization, org_data: dict) -> dict[str, list[list[str]]]:
    before = sorted(str(n) for n in org.phones.values_list("number", flat=True))
    after = sorted(phone_number(n) for n in org_data.get("phones") or [])
    return {"phones": [before, after]} if before != after else {}


def doubts_problems(svc: dict, where: str) -> list[str]:
    """What is wrong with the service's `source_doubts`: a list of nl/fr(/en) texts."""
    doubts = svc.get("source_doubts") or []
    shape = _("%(where)s: “source_doubts” must be a list of nl/fr/en texts") % {"where": where}
    if not isinstance(doubts, list):
        return [shape]
    problems = []
    for doubt in doubts:
        if not isinstance(doubt, dict) or not set(doubt) <= set(LANGS):
            problems.append(shape)
        elif not all(str(doubt.get(lang) or "").strip() for lang in ("nl", "fr")):
            problems.append(
                _("%(where)s: each of “source_doubts” needs Dutch and French text")
                % {"where": where}
            )
    return problems


def doubt_messages(svc: dict) -> list[str]:
    """Each doubt of the file as one message, in Dutch, French and English."""
    return [
        "\n\n".join(text for text in (str(d.get(lang) or "").strip() for lang in LANGS) if text)
        for d in svc.get("source_doubts") or []
    ]


def doubts_file(service: Service, svc: dict) -> int:
    """File each doubt as an open report on `service`, unless that report exists already (an
    editor who closed it has dealt with it). Returns how many were filed now."""
    filed = 0
    for message in doubt_messages(svc):
        if not ErrorReport.objects.filter(service=service, message=message).exists():
            report_submit(service=service, kind=ReportKind.ERROR, message=message, language="nl")
            filed += 1
    return filed
