"""Referring a family to kraamzorg without its record (seed 003: "Verschillende zorgactoren
(gynaecologen, huisartsen, psychologen, consultatiebureaus Kind en Gezin, vroedvrouwen,
OCMW, CAW, CGG,…) die met (aanstaande) ouders in contact komen, moeten kwetsbare gezinnen
zorgzaam kunnen doorverwijzen naar het aanbod van kraamzorg").

An actor who only refers (OCMW/CPAS, CAW, CGG/SSM, a psychologist practice) never sees a
family's record; a care professional may also refer a family it has no record of. The referrer
gives what the family tells it — the dates, the address, the household, the income band, how
to reach the family — with the reason for the referral and why the family is vulnerable (both
required). With the mother's national number the request is linked to the family's record when
the family is on the platform, so that an accepted request brings the service into its care
team; the referrer is never told whether it was linked, and the screening's scenario is not
read (the referrer's reason is the mark). It then sees its request and the answer, nothing
else (`kraamzorg/access.py`); each read is in the access log.
See docs/decisions/0028-care-network.md.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_referring_professional
from perinatal.audit.models import AccessBasis
from perinatal.core.constants import TEXT_MAX_LENGTH
from perinatal.core.refusals import InvalidInput, NoAccess
from perinatal.pathways.selectors import pregnancy_of_mother

from ..constants import Vulnerability
from ..models import KraamzorgOffer, KraamzorgRequest
from .request_input import RequestInput, _clean, family_key_of, pregnancy_key
from .requests import ROLE_SOURCE, _check_offer, _create, _created


def _texts(reason: str, vulnerability_reason: str) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    reason = (reason or "").strip()
    why = (vulnerability_reason or "").strip()
    if not reason:
        errors["reason"] = [_("Write the reason for the referral.")]
    elif len(reason) > TEXT_MAX_LENGTH:
        errors["reason"] = [_("This is too long.")]
    if not why:
        errors["vulnerability_reason"] = [_("Write why the family is vulnerable.")]
    elif len(why) > TEXT_MAX_LENGTH:
        errors["vulnerability_reason"] = [_("This is too long.")]
    if errors:
        raise InvalidInput(errors)
    return reason, why


@transaction.atomic
def request_refer_family(
    *,
    by: Any,
    offer: KraamzorgOffer,
    data: RequestInput,
    reason: str,
    vulnerability_reason: str,
    request: Any = None,
) -> KraamzorgRequest:
    """A referring professional refers a vulnerable family from what the family tells."""
    if not is_referring_professional(by):
        raise NoAccess(_("Only care professionals and the actors who refer may refer a family."))
    on = timezone.localdate()
    errors: dict[str, list[str]] = {}
    try:
        fields = _clean(data, on=on, contact_required=True)
    except InvalidInput as exc:
        errors.update({k: [m for e in v for m in e.messages] for k, v in exc.error_dict.items()})
    try:
        reason, why = _texts(reason, vulnerability_reason)
    except InvalidInput as exc:
        errors.update({k: [m for e in v for m in e.messages] for k, v in exc.error_dict.items()})
    if errors:
        raise InvalidInput(errors)
    _check_offer(offer, fields)
    number = fields.pop("number")
    pregnancy = pregnancy_of_mother(number, include_ended=False) if number else None
    kraamzorg_request = _create(
        offer=offer,
        source=ROLE_SOURCE[by.role],
        submitted_by=by,
        referrer_organisation=by.organisation,
        referral_reason=reason,
        pregnancy=pregnancy,
        family_key=pregnancy_key(pregnancy)
        if pregnancy
        else family_key_of({**fields, "number": number}, by=by),
        vulnerability=Vulnerability.REFERRER,
        vulnerability_reason=why,
        **fields,
    )
    _created(by, kraamzorg_request, AccessBasis.REFERRAL, "refer to kraamzorg", request)
    return kraamzorg_request
