"""The two ways a write is refused: a rule of the programme says no (`RuleRefused`, with the
rule's stable code) or the input is wrong (`InvalidInput`, per field). Both leave stored data
as it was."""

from django.core.exceptions import ValidationError

from .rules import Decision


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
    """The user may not see this family (no care team, consent or emergency access)."""
