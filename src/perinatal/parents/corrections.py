"""A parent's request to correct the family's record (GDPR article 16), from the parent's
"My data" page to the care team's home page and back.

- `correction_ask`: a linked parent writes what is wrong and what it should be; the request
  is an access-log row (create, basis own record) and a change-log row.
- The open requests of the families a professional's organisation cares for are read by the
  home page itself (`worklist/corrections.py`, one statement with the home's scoping).
- `correction_for_team`: one request for the page where it is handled, loaded through the
  family record's own access check (`pathways.selectors.pregnancy_for_user`, logged).
- `correction_handle`: a professional answers and marks it handled (access and change rows);
  the family's linked parents are told (`notices.correction_answered`).
"""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.audit.models import AccessAction, ChangeAction
from perinatal.audit.services import change_record, diff, snapshot
from perinatal.core.identifiers import parse_uuid
from perinatal.core.refusals import InvalidInput
from perinatal.pathways.access import Grant
from perinatal.pathways.access_log import log_access
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.selectors import pregnancy_for_user

from . import notices
from .models import CorrectionRequest
from .selectors import OWN_RECORD

FIELDS = ("text", "should_be", "handled_at", "handled_by_id", "answer")
LONGEST = 2000


def _checked(value: str, field: str, missing: str) -> str:
    value = (value or "").strip()
    if not value and missing:
        raise InvalidInput({field: [missing]})
    if len(value) > LONGEST:
        raise InvalidInput({field: [_("Write at most %(n)s characters.") % {"n": LONGEST}]})
    return value


@transaction.atomic(durable=True)
def correction_ask(
    *, by: Any, pregnancy: Pregnancy, text: str, should_be: str, request: Any = None
) -> CorrectionRequest:
    """`by` (a parent linked to `pregnancy`, checked by the caller through
    `own_family_get`) asks for a correction."""
    text = _checked(text, "text", _("Write what is wrong."))
    should_be = _checked(should_be, "should_be", "")
    correction = CorrectionRequest.objects.create(
        pregnancy=pregnancy, asked_by=by, text=text, should_be=should_be
    )
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=OWN_RECORD,
        action=AccessAction.CREATE,
        record=correction,
        purpose="ask for a correction of the record",
        request=request,
    )
    change_record(
        actor=by,
        action=ChangeAction.CREATE,
        instance=correction,
        changes=diff({}, snapshot(correction, FIELDS)),
    )
    return correction


def corrections_of(pregnancy: Pregnancy) -> QuerySet[CorrectionRequest]:
    """The family's requests, the newest first (the parent's page)."""
    return CorrectionRequest.objects.filter(pregnancy=pregnancy).order_by("-asked_at", "-id")


def correction_for_team(
    *, user: Any, public_id: Any, request: Any = None
) -> tuple[CorrectionRequest, Grant]:
    """The request if `user` may see its family (the read logged on that basis). Raises
    CorrectionRequest.DoesNotExist, Pregnancy.DoesNotExist or NoAccess."""
    uid = parse_uuid(public_id)
    if uid is None:
        raise CorrectionRequest.DoesNotExist
    correction = CorrectionRequest.objects.select_related("pregnancy", "asked_by").get(
        public_id=uid
    )
    pregnancy, grant = pregnancy_for_user(
        user=user,
        public_id=correction.pregnancy.public_id,
        purpose="read a correction asked by the family",
        request=request,
        record=correction,
    )
    correction.pregnancy = pregnancy
    return correction, grant


@transaction.atomic(durable=True)
def correction_handle(
    *, by: Any, correction: CorrectionRequest, grant: Grant, answer: str, request: Any = None
) -> CorrectionRequest:
    """`by` (of the care team, `grant` from `correction_for_team`) answers the request and
    marks it handled; the family's linked parents are told."""
    correction = CorrectionRequest.objects.select_for_update().get(pk=correction.pk)
    if correction.handled_at is not None:
        raise InvalidInput({"answer": [_("This request is already handled.")]})
    answer = _checked(answer, "answer", _("Write your answer to the family."))
    before = snapshot(correction, FIELDS)
    correction.answer = answer
    correction.handled_at = timezone.now()
    correction.handled_by = by
    correction.save(update_fields=["answer", "handled_at", "handled_by"])
    log_access(
        by=by,
        pregnancy=correction.pregnancy,
        grant=grant,
        action=AccessAction.UPDATE,
        record=correction,
        purpose="handle a correction asked by the family",
        request=request,
    )
    change_record(
        actor=by,
        action=ChangeAction.UPDATE,
        instance=correction,
        changes=diff(before, snapshot(correction, FIELDS)),
    )
    notices.correction_answered(correction)
    return correction
