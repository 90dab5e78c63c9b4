"""Asking for kraamzorg and the intake's answer.

- `request_submit`: the parents ask (the public form; `by` a parent user or None).
- `request_refer`: a care professional who may see the family refers it, with the reason; the
  family is marked vulnerable when its screening gives scenario B on that day, or when the
  referrer marks it with a reason (seed 003: every care actor must be able to refer a
  vulnerable family).
- `request_decide`: the service's intake accepts and plans, puts on the waiting list or refuses
  (no capacity, outside the area, other with a note) along `REQUEST_NEXT`.
- `request_withdraw`: the requester withdraws an open request.
- `request_forward`: a refused request goes to another serving service as a new request.

Refusals: `InvalidInput` (per field), `RuleRefused` with the codes `already_open` (a family has
at most one open request per service — the database's partial unique constraint decides a
race), `outside_area`, `invalid_transition`; `NoAccess`. Each change is in the change log and
the access log, and who asked is told (`notices`), in the same transaction."""

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.constants import Role
from perinatal.accounts.roles import is_parent
from perinatal.audit.models import AccessAction, AccessBasis, ChangeAction
from perinatal.audit.services import change_record, diff, snapshot
from perinatal.core.constants import TEXT_MAX_LENGTH
from perinatal.core.refusals import Decision, InvalidInput, NoAccess, RuleRefused
from perinatal.pathways.access import grant_for
from perinatal.pathways.entitlements import scenario_on
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.rules import Scenario
from perinatal.pathways.selectors import pregnancy_of_mother

from .. import notices
from ..access import is_requester, is_service_staff, log_request_access
from ..constants import (
    OPEN_STATUSES,
    REQUEST_NEXT,
    RefusalReason,
    RequestSource,
    RequestStatus,
    Vulnerability,
)
from ..models import KraamzorgOffer, KraamzorgRequest
from .care_period import assistant_check, care_period_end, care_period_start
from .request_input import (
    RequestInput,
    _clean,
    family_key_of,
    planned_clean,
    pregnancy_key,
)

RULE_ONE_OPEN = "kraamzorg.one_open_request_per_service"
RULE_AREA = "kraamzorg.service_area"
RULE_NEXT = "kraamzorg.request_next"
# The intake's decisions (a withdrawal and the closing have their own services).
DECISIONS = (RequestStatus.ACCEPTED, RequestStatus.WAITING, RequestStatus.REFUSED)
ROLE_SOURCE = {
    Role.KG_PROFESSIONAL: RequestSource.KIND_EN_GEZIN,
    Role.INDEPENDENT_MIDWIFE: RequestSource.INDEPENDENT_MIDWIFE,
    Role.HOSPITAL: RequestSource.HOSPITAL,
    Role.PROGRAMME_PROVIDER: RequestSource.PROGRAMME_PROVIDER,
    Role.KRAAMZORG_SERVICE: RequestSource.KRAAMZORG_SERVICE,
    Role.ONE_PROFESSIONAL: RequestSource.ONE,
    Role.GP_PRACTICE: RequestSource.GP_PRACTICE,
    Role.COMMUNITY_HEALTH_CENTRE: RequestSource.COMMUNITY_HEALTH_CENTRE,
    Role.OCMW: RequestSource.OCMW,
    Role.CAW: RequestSource.CAW,
    Role.CGG: RequestSource.CGG,
    Role.PSYCHOLOGIST_PRACTICE: RequestSource.PSYCHOLOGIST_PRACTICE,
}
AUDITED = (
    "status",
    "decided_at",
    "planned_start",
    "planned_hours",
    "refusal_reason",
    "refusal_note",
    "closed_at",
    "assistant_id",
)


def refused(code: str, message: str, rule: str) -> RuleRefused:
    return RuleRefused(Decision(rule=rule, allowed=False, code=code, message=message))


def _already_open() -> RuleRefused:
    return refused(
        "already_open",
        _("This family already has an open request at this service."),
        RULE_ONE_OPEN,
    )


def _check_offer(offer: KraamzorgOffer, fields: dict[str, Any]) -> None:
    if not offer.active or not offer.serves(
        postcode=fields["postcode"], area_nis=fields["area_nis"]
    ):
        raise refused(
            "outside_area",
            _("%(service)s does not take requests for %(postcode)s %(municipality)s.")
            % {
                "service": offer.service.name,
                "postcode": fields["postcode"],
                "municipality": fields["municipality"],
            },
            RULE_AREA,
        )


def _vulnerability(pregnancy: Pregnancy | None, reason: str, *, on: date) -> tuple[str, str]:
    if pregnancy is not None and scenario_on(pregnancy, on) == Scenario.B:
        return Vulnerability.SCENARIO_B, reason
    if reason:
        return Vulnerability.REFERRER, reason
    return Vulnerability.NONE, ""


def _create(**values: Any) -> KraamzorgRequest:
    """Insert the request; a second open request for the family at the service (also one
    that a concurrent request stored first) is `already_open`."""
    if KraamzorgRequest.objects.filter(
        offer=values["offer"], family_key=values["family_key"], status__in=OPEN_STATUSES
    ).exists():
        raise _already_open()
    try:
        with transaction.atomic():
            return KraamzorgRequest.objects.create(**values)
    except IntegrityError as exc:
        if "kraamzorg_one_open_request_per_service" in str(exc) or "family_key" in str(exc):
            raise _already_open() from exc
        raise


def _created(by: Any, kraamzorg_request: KraamzorgRequest, basis: str, purpose: str, request: Any):
    changes = {"status": [None, kraamzorg_request.status]}
    change_record(actor=by, action=ChangeAction.CREATE, instance=kraamzorg_request, changes=changes)
    log_request_access(
        by=by,
        kraamzorg_request=kraamzorg_request,
        basis=basis,
        action=AccessAction.CREATE,
        purpose=purpose,
        request=request,
    )
    notices.request_received(kraamzorg_request)


@transaction.atomic
def request_submit(
    *, by: Any, offer: KraamzorgOffer, data: RequestInput, request: Any = None
) -> KraamzorgRequest:
    """The parents ask (`by` a parent user, or None for the public form without login)."""
    logged_in = getattr(by, "is_authenticated", False)
    if logged_in and not is_parent(by):
        raise NoAccess(_("Professionals refer a family from its record."))
    on = timezone.localdate()
    fields = _clean(data, on=on, contact_required=not logged_in)
    _check_offer(offer, fields)
    number = fields.pop("number")
    pregnancy = pregnancy_of_mother(number, include_ended=False) if number else None
    vulnerability, reason = _vulnerability(pregnancy, "", on=on)
    kraamzorg_request = _create(
        offer=offer,
        source=RequestSource.PARENT,
        submitted_by=by if logged_in else None,
        pregnancy=pregnancy,
        family_key=pregnancy_key(pregnancy)
        if pregnancy
        else family_key_of({**fields, "number": number}, by=by),
        vulnerability=vulnerability,
        vulnerability_reason=reason,
        **fields,
    )
    _created(by, kraamzorg_request, AccessBasis.OWN_RECORD, "ask for kraamzorg", request)
    notices.request_sent(kraamzorg_request)
    return kraamzorg_request


@transaction.atomic
def request_refer(
    *,
    by: Any,
    pregnancy: Pregnancy,
    offer: KraamzorgOffer,
    data: RequestInput,
    reason: str,
    vulnerability_reason: str = "",
    request: Any = None,
) -> KraamzorgRequest:
    """A care professional who may see the family refers it to a service, with the reason."""
    grant = grant_for(by, pregnancy)
    if grant is None:
        raise NoAccess(_("You may only refer a family whose record you may see."))
    on = timezone.localdate()
    fields = _clean(data, on=on, contact_required=False)
    errors = {}
    reason = (reason or "").strip()
    vulnerability_reason = (vulnerability_reason or "").strip()
    if not reason:
        errors["reason"] = [_("Write the reason for the referral.")]
    elif len(reason) > TEXT_MAX_LENGTH:
        errors["reason"] = [_("This is too long.")]
    if len(vulnerability_reason) > TEXT_MAX_LENGTH:
        errors["vulnerability_reason"] = [_("This is too long.")]
    if errors:
        raise InvalidInput(errors)
    _check_offer(offer, fields)
    fields.pop("number")
    vulnerability, why = _vulnerability(pregnancy, vulnerability_reason, on=on)
    kraamzorg_request = _create(
        offer=offer,
        source=ROLE_SOURCE[by.role],
        submitted_by=by,
        referrer_organisation=by.organisation,
        referral_reason=reason,
        pregnancy=pregnancy,
        family_key=pregnancy_key(pregnancy),
        vulnerability=vulnerability,
        vulnerability_reason=why,
        **fields,
    )
    _created(by, kraamzorg_request, grant.basis, "refer to kraamzorg", request)
    return kraamzorg_request


def _locked(kraamzorg_request: KraamzorgRequest) -> KraamzorgRequest:
    return (
        KraamzorgRequest.objects.select_for_update(of=("self",))
        .select_related("offer__service", "pregnancy")
        .get(pk=kraamzorg_request.pk)
    )


def _check_next(current: KraamzorgRequest, status: str) -> None:
    if status not in REQUEST_NEXT.get(current.status, ()):
        raise refused(
            "invalid_transition",
            _("A request that is %(now)s cannot become %(next)s.")
            % {
                "now": RequestStatus(current.status).label,
                "next": RequestStatus(status).label if status in RequestStatus.values else status,
            },
            RULE_NEXT,
        )


def _changed(
    by: Any, before: dict, kraamzorg_request: KraamzorgRequest, basis: str, purpose: str, request
) -> None:
    kraamzorg_request.save()
    change_record(
        actor=by,
        action=ChangeAction.UPDATE,
        instance=kraamzorg_request,
        changes=diff(before, snapshot(kraamzorg_request, AUDITED)),
    )
    log_request_access(
        by=by,
        kraamzorg_request=kraamzorg_request,
        basis=basis,
        action=AccessAction.UPDATE,
        purpose=purpose,
        request=request,
    )


@transaction.atomic
def request_decide(
    *,
    by: Any,
    kraamzorg_request: KraamzorgRequest,
    status: str,
    planned_start: date | None = None,
    planned_hours: Any = None,
    refusal_reason: str = "",
    note: str = "",
    assistant: Any = None,
    request: Any = None,
) -> KraamzorgRequest:
    """The service's intake answers: accepted and planned, waiting list, or refused. An
    accepted request of a family on the platform brings the service, with its assigned
    maternity-care assistant, into the family's care team (`care_period`)."""
    current = _locked(kraamzorg_request)
    if not is_service_staff(by, current.offer):
        raise NoAccess(_("Only the service's intake staff answer its requests."))
    if status not in DECISIONS:
        raise InvalidInput({"status": [_("Choose accept, waiting list or refuse.")]})
    _check_next(current, status)
    note = (note or "").strip()
    if len(note) > TEXT_MAX_LENGTH:
        raise InvalidInput({"note": [_("This is too long.")]})
    before = snapshot(current, AUDITED)
    if status == RequestStatus.ACCEPTED:
        current.planned_start, current.planned_hours = planned_clean(planned_start, planned_hours)
        assistant_check(current, assistant)
        current.assistant = assistant
    if status == RequestStatus.REFUSED:
        if refusal_reason not in RefusalReason.values:
            raise InvalidInput({"refusal_reason": [_("Choose why the request is refused.")]})
        if refusal_reason == RefusalReason.OTHER and not note:
            raise InvalidInput({"note": [_("Write the reason in the note.")]})
        current.refusal_reason = refusal_reason
        current.closed_at = timezone.now()
    current.refusal_note = note
    current.status = status
    current.decided_at = timezone.now()
    current.decided_by = by
    if status == RequestStatus.ACCEPTED:
        care_period_start(kraamzorg_request=current, by=by)
    _changed(by, before, current, AccessBasis.REFERRAL, "answer a kraamzorg request", request)
    notices.request_answered(current)
    return current


@transaction.atomic
def request_withdraw(
    *, by: Any, kraamzorg_request: KraamzorgRequest, request: Any = None
) -> KraamzorgRequest:
    """The parent who asked or the referrer's organisation withdraws an open request."""
    current = _locked(kraamzorg_request)
    if not is_requester(by, current):
        raise NoAccess(_("Only who asked may withdraw the request."))
    _check_next(current, RequestStatus.WITHDRAWN)
    before = snapshot(current, AUDITED)
    current.status = RequestStatus.WITHDRAWN
    current.closed_at = timezone.now()
    care_period_end(kraamzorg_request=current)
    basis = AccessBasis.OWN_RECORD if is_parent(by) else AccessBasis.REFERRAL
    _changed(by, before, current, basis, "withdraw a kraamzorg request", request)
    return current


@transaction.atomic
def request_forward(
    *, by: Any, kraamzorg_request: KraamzorgRequest, offer: KraamzorgOffer, request: Any = None
) -> KraamzorgRequest:
    """A refused request goes to another service that serves the family, as a new request
    (by the refusing service's staff or by who asked)."""
    current = _locked(kraamzorg_request)
    staff = is_service_staff(by, current.offer)
    if not (staff or is_requester(by, current)):
        raise NoAccess(_("Only the service or who asked may forward the request."))
    if current.status != RequestStatus.REFUSED:
        raise refused(
            "invalid_transition",
            _("Only a refused request can go to another service."),
            RULE_NEXT,
        )
    if offer.pk == current.offer_id:
        raise InvalidInput({"offer": [_("Choose another service.")]})
    _check_offer(
        offer,
        {
            "postcode": current.postcode,
            "area_nis": current.area_nis,
            "municipality": current.municipality,
        },
    )
    copied = {
        name: getattr(current, name)
        for name in (
            "source",
            "submitted_by",
            "referrer_organisation",
            "referral_reason",
            "pregnancy",
            "family_key",
            "contact_name",
            "contact_phone",
            "contact_email",
            "contact_language",
            "due_date",
            "birth_date",
            "postcode",
            "municipality",
            "area_nis",
            "adults",
            "children",
            "income_band",
            "languages",
            "help_wanted",
            "vulnerability",
            "vulnerability_reason",
        )
    }
    forwarded = _create(offer=offer, **copied)
    basis = AccessBasis.REFERRAL if staff or not is_parent(by) else AccessBasis.OWN_RECORD
    _created(by, forwarded, basis, "forward a kraamzorg request", request)
    notices.request_answered(forwarded, forwarded_from=current)
    return forwarded
