"""Writes to the directory: editors' corrections, verification and readers' reports.

Each write runs in one transaction with its change-log row, then refreshes the search index.
The rows of an entry's sets (phones, contacts, locations, hours, …) are written by `edit_sets`.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone

from perinatal.audit.models import ChangeAction
from perinatal.audit.services import change_record, diff, snapshot

from .areas import service_areas_set
from .constants import ReportKind, ReportStatus
from .edit_sets import phones_apply, service_sets_apply
from .models import ErrorReport, Organization, Service, ServiceLanguage, TaxonomyTerm
from .search.index import mark_dirty
from .taxonomy import terms_ensure

# Editable plain fields of a service (the editors' form and the API offer these).
TEXT_FIELDS = (
    "name",
    "description",
    "eligibility_description",
    "fees_description",
    "application_process",
)
OTHER_FIELDS = (
    "url",
    "email",
    "status",
    "cost_category",
    "prescription_required",
    "referral_required",
    "programme_1000_days",
    "for_professionals",
)
EDITABLE_FIELDS = (
    *(f"{name}_{lang}" for name in TEXT_FIELDS for lang in ("nl", "fr", "en")),
    *OTHER_FIELDS,
)


def _same(stored: Any, posted: Any) -> bool:
    """An empty form field leaves an unset translation (None) unset."""
    if stored is None and posted == "":
        return True
    return stored == posted


def _related_snapshot(service: Service) -> dict[str, list[str]]:
    return {
        "phases": sorted(service.phases.values_list("code", flat=True)),
        "needs": sorted(service.needs.values_list("code", flat=True)),
        "languages": sorted(service.languages.values_list("code", flat=True)),
        "areas": sorted(service.areas.values_list("nis", flat=True)),
    }


def _service_apply(service: Service, data: dict[str, Any]) -> dict:
    """Write the plain fields, phases, needs, languages and areas given in `data` to the
    (locked) service; returns their changes.

    `areas`, when given, is the complete list of NIS codes served, already checked against the
    reference data (`areas.areas_clean`)."""
    plain = {
        k: v for k, v in data.items() if k in EDITABLE_FIELDS and not _same(getattr(service, k), v)
    }
    before = {**snapshot(service, plain), **_related_snapshot(service)}
    for key, value in plain.items():
        setattr(service, key, value)
    if "phases" in data or "needs" in data:
        terms = terms_ensure()
        if "phases" in data:
            service.phases.set([terms[(TaxonomyTerm.PHASE, code)] for code in data["phases"]])
        if "needs" in data:
            service.needs.set([terms[(TaxonomyTerm.NEED, code)] for code in data["needs"]])
    if "languages" in data:
        service.languages.exclude(code__in=data["languages"]).delete()
        have = set(service.languages.values_list("code", flat=True))
        ServiceLanguage.objects.bulk_create(
            [ServiceLanguage(service=service, code=c) for c in data["languages"] if c not in have]
        )
    if "areas" in data:
        service_areas_set(service=service, codes=list(data["areas"]))
    after = {**snapshot(service, plain), **_related_snapshot(service)}
    return diff(before, after)


@transaction.atomic
def service_update(*, service: Service, data: dict[str, Any], by, reason: str = "") -> dict:
    """Apply an editor's correction; returns the changes {field: [old, new]} (empty: no-op)."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    changes = _service_apply(service, data)
    if changes:
        service.save()  # the time of the change, and the search index
        change_record(
            actor=by, action=ChangeAction.UPDATE, instance=service, changes=changes, reason=reason
        )
    return changes


@transaction.atomic(durable=True)
def service_edit(
    *,
    service: Service,
    data: dict[str, Any],
    sets: dict[str, list[dict[str, Any]]],
    by,
    reason: str = "",
) -> dict:
    """An editor's save of a service's page: its fields (`data`, as `service_update` takes
    them) and its sets of rows (phones, contacts, locations, hours, languages spoken, cost
    options; see `edit_sets`), with one change-log row listing every change. Raises
    `edit_sets.RowGone` (and stores nothing) for a row that is not the service's."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    changes = _service_apply(service, data)
    changes |= service_sets_apply(service=service, sets=sets)
    if changes:
        service.save()  # the time of the change, and the search index (signals)
        change_record(
            actor=by, action=ChangeAction.UPDATE, instance=service, changes=changes, reason=reason
        )
        mark_dirty([service.pk])
    return changes


ORGANIZATION_FIELDS = (
    *(f"{name}_{lang}" for name in ("name", "description") for lang in ("nl", "fr", "en")),
    "website",
    "email",
)


@transaction.atomic(durable=True)
def organization_edit(
    *,
    organization: Organization,
    data: dict[str, Any],
    sets: dict[str, list[dict[str, Any]]],
    by,
    reason: str = "",
) -> dict:
    """An editor's save of an organisation's page: names and descriptions per language,
    website, e-mail and phones, with one change-log row."""
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    plain = {
        k: v
        for k, v in data.items()
        if k in ORGANIZATION_FIELDS and not _same(getattr(organization, k), v)
    }
    before = snapshot(organization, plain)
    for key, value in plain.items():
        setattr(organization, key, value)
    changes = diff(before, snapshot(organization, plain))
    changes |= phones_apply(owner={"organization": organization}, rows=sets.get("phones", []))
    if changes:
        organization.save()  # its services' search documents show its name (signals)
        change_record(
            actor=by,
            action=ChangeAction.UPDATE,
            instance=organization,
            changes=changes,
            reason=reason,
        )
    return changes


@transaction.atomic
def service_verify(*, service: Service, by, on=None) -> Service:
    """Mark an entry as checked today (or on `on`) by this editor."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    day = on or timezone.localdate()
    changes = diff(
        {"last_verified": str(service.last_verified) if service.last_verified else None},
        {"last_verified": str(day)},
    )
    service.last_verified = day
    service.verified_by = by.get_username()
    service.save(update_fields=["last_verified", "verified_by", "updated_at"])
    change_record(actor=by, action=ChangeAction.VERIFY, instance=service, changes=changes)
    return service


@transaction.atomic(durable=True)
def services_verify(*, service_ids: list, by, on=None) -> int:
    """Mark several entries as checked (the desk's "verify the selected"), each with its own
    change-log row; returns how many."""
    services = list(Service.objects.filter(pk__in=service_ids).order_by("pk"))
    for service in services:
        service_verify(service=service, by=by, on=on)
    return len(services)


@transaction.atomic
def report_submit(
    *,
    service: Service | None,
    kind: str,
    message: str,
    reporter_email: str = "",
    language: str = "nl",
) -> ErrorReport:
    """A reader's report about an entry (or a missing service) for the editors' queue."""
    if service is None:
        kind = ReportKind.MISSING
    report = ErrorReport(
        service=service,
        kind=kind,
        message=message.strip(),
        reporter_email=reporter_email.strip(),
        language=language[:2],
    )
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_close(*, report: ErrorReport, by, status: str, resolution: str = "") -> ErrorReport:
    if status not in (ReportStatus.RESOLVED, ReportStatus.REJECTED):
        raise ValueError(status)
    report = ErrorReport.objects.select_for_update().get(pk=report.pk)
    before = snapshot(report, ["status", "resolution"])
    report.status = status
    report.resolution = resolution.strip()
    report.handled_by = by
    report.handled_at = timezone.now()
    report.save()
    change_record(
        actor=by,
        action=ChangeAction.UPDATE,
        instance=report,
        changes=diff(before, snapshot(report, ["status", "resolution"])),
    )
    return report
