"""A parent's questions to the data protection contact about one access to their family's
record (decision 0037): asked from "who looked at my record", listed on the administrators'
home page, each administrator told through the notifications, answered on its own page.
Asking and answering are writes on the family's record: each is in the access log."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from perinatal.accounts.constants import Role
from perinatal.audit.models import AccessAction, AccessBasis, AccessEvent
from perinatal.core.refusals import InvalidInput
from perinatal.notifications.kinds import Kind, register_kind
from perinatal.notifications.services import notify
from perinatal.pathways.access import Grant
from perinatal.pathways.access_log import log_access
from perinatal.pathways.models import Pregnancy

from .models import AccessQuestion

ASKED = "parents.access_question"
MAX_TEXT = 2000
AUDIT = Grant(AccessBasis.AUDIT)


def register() -> None:
    register_kind(
        Kind(
            ASKED,
            gettext_lazy("Question about an access to a record"),
            gettext_noop(
                "A family asks the data protection contact about an access to its record."
            ),
            subject=gettext_lazy("A question for the data protection contact"),
            email_text=gettext_lazy(
                "A family asked the data protection contact a question on the platform."
            ),
        )
    )


def _administrators() -> QuerySet:
    return get_user_model().objects.filter(is_active=True, role=Role.ADMINISTRATOR)


@transaction.atomic(durable=True)
def access_question_ask(
    *,
    by: Any,
    pregnancy: Pregnancy,
    event: AccessEvent,
    text: str,
    grant: Grant,
    request: Any = None,
) -> AccessQuestion:
    """`by` (a parent linked to `pregnancy`) asks about `event`, a row of its log."""
    text = text.strip()
    if not text:
        raise InvalidInput({"text": [_("Write your question.")]})
    if len(text) > MAX_TEXT:
        raise InvalidInput(
            {"text": [_("Keep your question under %(count)s characters.") % {"count": MAX_TEXT}]}
        )
    if event.subject != str(pregnancy.public_id):
        raise InvalidInput({"text": [_("This access is not one of your family's.")]})
    question = AccessQuestion.objects.create(
        pregnancy=pregnancy, access_event=event, asked_by=by, text=text
    )
    log_access(
        by=by,
        pregnancy=pregnancy,
        grant=grant,
        action=AccessAction.CREATE,
        purpose="ask about an access",
        request=request,
    )
    notify(
        recipients=_administrators(),
        kind=ASKED,
        about=question,
        link=("parents:question_answer", [question.pk]),
    )
    return question


@transaction.atomic(durable=True)
def access_question_answer(
    *, by: Any, question: AccessQuestion, answer: str, request: Any = None
) -> AccessQuestion:
    """An administrator answers; answering again with the same words changes nothing."""
    answer = answer.strip()
    if not answer:
        raise InvalidInput({"answer": [_("Write the answer.")]})
    question = AccessQuestion.objects.select_for_update().get(pk=question.pk)
    if question.answer == answer:
        return question
    question.answer = answer
    question.answered_at = timezone.now()
    question.answered_by = by
    question.save(update_fields=["answer", "answered_at", "answered_by"])
    log_access(
        by=by,
        pregnancy=question.pregnancy,
        grant=AUDIT,
        action=AccessAction.UPDATE,
        purpose="answer a question about an access",
        request=request,
    )
    return question


def questions_open() -> QuerySet[AccessQuestion]:
    """The questions not answered yet, the oldest first (administrators' home page)."""
    return AccessQuestion.objects.filter(answered_at__isnull=True).order_by("asked_at", "id")


def questions_of_family(pregnancy: Pregnancy) -> QuerySet[AccessQuestion]:
    return AccessQuestion.objects.filter(pregnancy=pregnancy).order_by("-asked_at", "-id")
