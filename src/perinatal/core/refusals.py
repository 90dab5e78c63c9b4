"""The ways a write is refused, shared by every app. Each leaves stored data as it was.

- A rule says no: the rule answers with a `Decision` (allowed, or refused with a stable code
  and a message in the user's language); a service raises `RuleRefused(decision)`.
- The input is wrong: `InvalidInput`, a ValidationError whose `error_dict` names the fields
  (as a form would).
- The user may not see the record: `NoAccess`.

Pages show them with `core/pages.py`; the API answers them with `api/errors.py`.
"""

from contextvars import ContextVar
from dataclasses import dataclass

from django.core.exceptions import ValidationError

# The `NoAccess` raised while the current request is answered (set by the audit's
# `RefusedAccessMiddleware`), so that a refusal a view catches and shows as a page is still
# logged after the view's transaction has ended (decision 0033).
raised_refusals: ContextVar[list["NoAccess"] | None] = ContextVar("raised_refusals", default=None)


@dataclass(frozen=True)
class Decision:
    """A rule's answer: `allowed`, or refused with a stable `code`; what `remaining` after
    this one where the rule counts; a translated `message`."""

    rule: str
    allowed: bool
    code: str = ""
    remaining: int | None = None
    message: str = ""


class RuleRefused(Exception):
    def __init__(self, decision: Decision):
        super().__init__(decision.message)
        self.decision = decision

    @property
    def code(self) -> str:
        return self.decision.code

    @property
    def message(self) -> str:
        return self.decision.message


class InvalidInput(ValidationError):
    """A ValidationError whose `error_dict` names the fields (as a form would)."""


class NoAccess(Exception):
    """The user may not see this record (no care team, consent or emergency access).
    `reason` is an `audit.models.RefusalReason` value when the raiser knows it better than the
    record's own explanation (decision 0033)."""

    def __init__(self, *args: object, reason: str = "") -> None:
        super().__init__(*args)
        self.reason = reason
        self.logged = False  # True when the raiser wrote the refused row itself
        raised = raised_refusals.get()
        if raised is not None:
            raised.append(self)
