"""The ways a write is refused, shared by every app. Each leaves stored data as it was.

- A rule says no: the rule answers with a `Decision` (allowed, or refused with a stable code
  and a message in the user's language); a service raises `RuleRefused(decision)`.
- The input is wrong: `InvalidInput`, a ValidationError whose `error_dict` names the fields
  (as a form would).
- The user may not see the record: `NoAccess`.

Pages show them with `core/pages.py`; the API answers them with `api/errors.py`.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError


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
    """The user may not see this record (no care team, consent or emergency access)."""
