"""A refused hand-out or order: the programme's `RuleRefused` with the booklet's stable code
(`already_has_booklet`, `channel_not_allowed`, …), a translated message, and for an
`already_has_booklet` the date and kind of provider of the booklet the family has."""

from typing import Any

from perinatal.core.refusals import Decision, InvalidInput, NoAccess, RuleRefused

__all__ = ["BookletRefused", "InvalidInput", "NoAccess"]


class BookletRefused(RuleRefused):
    def __init__(self, code: str, message: str, *, rule: str, detail: dict[str, Any] | None = None):
        super().__init__(Decision(rule=rule, allowed=False, code=str(code), message=message))
        self.detail = detail or {}
