"""Loading the Brussels directory (seed 002, the Focus) from `data/brussels.yaml`.

The file is validated whole before anything is written; a file with one bad entry is
refused with every problem listed (entry key and field), and nothing is stored. Loading is
idempotent: entries are matched on their stable `key`; an existing entry is left as it is
(editors may have corrected it) unless `update=True`, and then only what differs is written, in
place: changed fields, and each changed part (phases, needs, languages, costs, phones,
locations) on its own. Every created or updated entry gets a change-log row with the old and
new values.

A service's `source_doubts` are facts of the source that could not be taken as printed (a
malformed phone number): each becomes one open report in the editors' queue, filed once.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from django.db import transaction
from django.utils.translation import gettext as _

from perinatal.audit.models import ChangeAction
from perinatal.audit.services import change_record, diff

from . import brussels_areas
from .brussels_checks import validate
from .brussels_parts import (
    PARTS,
    city_texts,
    doubts_file,
    org_phones_changes,
    parts_changes,
    phone_number,
)
from .constants import CostCategory, OrganizationKind
from .models import (
    Address,
    CostOption,
    Location,
    Organization,
    Phone,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)
from .search.index import mark_dirty
from .taxonomy import terms_ensure

DATA_FILE = Path(__file__).parent / "data" / "brussels.yaml"
SOURCE = "Brusano, Focus Perinatale zorg in het Brussels Gewest"
LANGS = ("nl", "fr", "en")


class LoadError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class LoadResult:
    organizations_created: int = 0
    services_created: int = 0
    services_updated: int = 0
    organizations_updated: int = 0
    unchanged: int = 0
    reports_filed: int = 0
    touched_services: list = field(default_factory=list)


def read(path: Path = DATA_FILE) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError as exc:
        raise LoadError([_("file not found: %(path)s") % {"path": path}]) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise LoadError(
            [
                _("%(where)s: not valid YAML (%(reason)s)")
                % {"where": where, "reason": getattr(exc, "problem", exc)}
            ]
        ) from exc


def _lang_fields(prefix: str, texts: dict) -> dict[str, str]:
    return {f"{prefix}_{lang}": texts.get(lang, "") for lang in LANGS}


def _org_values(org: dict) -> dict[str, Any]:
    return {
        **_lang_fields("name", org["name"]),
        **_lang_fields("description", org.get("description") or {}),
        "kind": org.get("kind", OrganizationKind.OTHER),
        "website": org.get("website") or "",
        "email": org.get("email") or "",
    }


# How seed 002 marks what is for care providers, not for families: the access conditions
# open with "Voor professionals" or "Voor zorgverleners" (the in-house trainings, the tools
# to detect violence, the programme's pages for professionals).
PROFESSIONALS_ONLY = ("voor professionals", "voor zorgverleners")


def for_professionals(conditions: dict) -> bool:
    """Whether a service of the Focus is only for professionals (decision 0031)."""
    return str(conditions.get("nl", "")).strip().lower().startswith(PROFESSIONALS_ONLY)


def _service_values(svc: dict) -> dict[str, Any]:
    return {
        **_lang_fields("name", svc["name"]),
        **_lang_fields("description", svc.get("description") or {}),
        **_lang_fields("eligibility_description", svc.get("conditions") or {}),
        **_lang_fields("fees_description", svc.get("cost_description") or {}),
        **_lang_fields("application_process", svc.get("application_process") or {}),
        "cost_category": svc.get("cost", CostCategory.VARIES),
        "programme_1000_days": bool(svc.get("programme_1000_days", False)),
        "for_professionals": for_professionals(svc.get("conditions") or {}),
        "prescription_required": svc.get("prescription_required"),
        "referral_required": svc.get("referral_required"),
        "url": svc.get("website") or "",
        "email": svc.get("email") or "",
        "source": SOURCE,
        "source_page": svc.get("source_page"),
    }


def _apply(instance, values: dict[str, Any]) -> dict[str, list]:
    before = {k: getattr(instance, k) for k in values}
    changes = diff(before, values)
    for key, value in values.items():
        setattr(instance, key, value)
    return changes


def _write_org_phones(org: Organization, org_data: dict) -> None:
    org.phones.all().delete()
    for number in org_data.get("phones") or []:
        Phone.objects.create(organization=org, number=phone_number(number))


def _write_service_parts(
    service: Service, svc: dict, terms: dict, parts: Iterable[str] = PARTS
) -> None:
    """Write the named parts of `service` (all of them by default) as the file gives them."""
    parts = set(parts)
    if "phases" in parts:
        service.phases.set([terms[(TaxonomyTerm.PHASE, p)] for p in svc.get("phases") or []])
    if "needs" in parts:
        service.needs.set([terms[(TaxonomyTerm.NEED, n)] for n in svc.get("needs") or []])
    if "languages" in parts:
        service.languages.all().delete()
        ServiceLanguage.objects.bulk_create(
            [
                ServiceLanguage(service=service, code=c)
                for c in dict.fromkeys(svc.get("languages") or [])
            ]
        )
    if "cost_options" in parts:
        service.cost_options.all().delete()
        for option in svc.get("cost_options") or []:
            CostOption.objects.create(
                service=service,
                amount=Decimal(str(option["amount"])),
                currency=option.get("currency", "EUR"),
                **_lang_fields("option", option.get("option") or {}),
            )
    if "phones" in parts:
        service.phones.all().delete()
        for number in svc.get("phones") or []:
            Phone.objects.create(service=service, number=phone_number(number))
    if "locations" in parts:
        _write_locations(service, svc)


def _write_locations(service: Service, svc: dict) -> None:
    for sal in service.service_at_locations.select_related("location"):
        sal.location.delete()
    for loc in svc.get("locations") or []:
        address = loc["address"]
        location = Location.objects.create(
            organization=service.organization, **_lang_fields("name", loc.get("name") or {})
        )
        Address.objects.create(
            location=location,
            address_1=address["street"],
            postal_code=str(address["postcode"]),
            region="Brussels Hoofdstedelijk Gewest",
            **_lang_fields("city", city_texts(address.get("city"))),
        )
        ServiceAtLocation.objects.create(service=service, location=location)


@transaction.atomic
def load(data: dict, *, update: bool = False, actor=None, areas: Any = None) -> LoadResult:
    """Store the validated file and its areas served (`brussels_areas`, read from its file
    when not given). Raises LoadError (and stores nothing) when either has problems."""
    areas = brussels_areas.read_areas() if areas is None else areas
    problems = validate(data)
    if not problems:
        keys = [s["key"] for o in data["organizations"] for s in o["services"]]
        problems = brussels_areas.problems(areas, keys)
    if problems:
        raise LoadError(problems)
    terms = terms_ensure()
    result = LoadResult()
    orgs = {
        o.key: o
        for o in Organization.objects.filter(key__in=[o["key"] for o in data["organizations"]])
    }
    service_keys = [s["key"] for o in data["organizations"] for s in o["services"]]
    services = {s.key: s for s in Service.objects.filter(key__in=service_keys)}
    for org_data in data["organizations"]:
        org = orgs.get(org_data["key"])
        if org is None:
            org = Organization(key=org_data["key"])
            _apply(org, _org_values(org_data))
            org.save()
            _write_org_phones(org, org_data)
            change_record(
                actor=actor, action=ChangeAction.CREATE, instance=org, reason="load-brussels"
            )
            result.organizations_created += 1
        elif update:
            changes = _apply(org, _org_values(org_data)) | org_phones_changes(org, org_data)
            if changes:
                org.save()
                if "phones" in changes:
                    _write_org_phones(org, org_data)
                change_record(
                    actor=actor,
                    action=ChangeAction.UPDATE,
                    instance=org,
                    changes=changes,
                    reason="load-brussels --update",
                )
                result.organizations_updated += 1
        for svc_data in org_data["services"]:
            service = services.get(svc_data["key"])
            if service is None:
                service = Service(key=svc_data["key"], organization=org)
                _apply(service, _service_values(svc_data))
                service.save()
                _write_service_parts(service, svc_data, terms)
                change_record(
                    actor=actor,
                    action=ChangeAction.CREATE,
                    instance=service,
                    reason="load-brussels",
                )
                result.services_created += 1
                result.touched_services.append(service.id)
                result.reports_filed += doubts_file(service, svc_data)
            elif update:
                parts = parts_changes(service, svc_data)
                changes = _apply(service, _service_values(svc_data)) | parts
                result.reports_filed += doubts_file(service, svc_data)
                if changes:
                    service.save()
                    _write_service_parts(service, svc_data, terms, parts)
                    change_record(
                        actor=actor,
                        action=ChangeAction.UPDATE,
                        instance=service,
                        changes=changes,
                        reason="load-brussels --update",
                    )
                    result.services_updated += 1
                    result.touched_services.append(service.id)
                else:
                    result.unchanged += 1
            else:
                result.unchanged += 1
    loaded = Service.objects.filter(key__in=service_keys)
    created = set(result.touched_services)
    result.touched_services += brussels_areas.apply(
        areas, loaded, update=update, created=created, actor=actor
    )
    # The parts written in bulk send no signals: reindex these services once, at commit.
    mark_dirty(result.touched_services)
    return result
