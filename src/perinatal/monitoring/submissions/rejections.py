"""Refused submission attempts (`RejectedSubmission`): recorded by the upload page and the
API whenever an import is refused, so that the error list can be shown again page by page and
downloaded as a CSV to fix after the answer, and so that refusals are auditable.

Only the errors are kept (file name, line, column, the wrong value as the error shows it,
code and the reason's parameters, at most `MAX_STORED_ERRORS`), never the file's rows. The
reason is rendered again from the code, in the reader's language. An attempt is visible to
the user who made it and to analysts and administrators.
"""

import csv
import io
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_monitoring_manager
from perinatal.core.spreadsheets import spreadsheet_text

from ..models import RejectedSubmission
from ..models.rejections import MAX_STORED_ERRORS, Channel
from .errors import FileError, InvalidSubmission, SubmissionRefused

INVALID = "invalid_submission"

__all__ = [
    "INVALID",
    "Channel",
    "errors_csv",
    "rejection_errors",
    "rejection_for_user",
    "rejection_record",
    "rejections_for_user",
]


def _plain(value: Any) -> Any:
    """A reason's parameter as JSON holds it (a Decimal limit becomes its text)."""
    return value if isinstance(value, int | str) else str(value)


def _stored(error: FileError) -> dict[str, Any]:
    return {
        "file": error.file,
        "line": error.line,
        "column": error.column,
        "value": error.value,
        "code": error.code,
        "params": {key: _plain(value) for key, value in error.params.items()},
    }


def rejection_record(
    *,
    by: Any,
    channel: Channel | str,
    file_names: Iterable[str],
    refusal: InvalidSubmission | SubmissionRefused,
    now: datetime | None = None,
) -> RejectedSubmission:
    """Keep a refused attempt: the errors of an invalid submission, or the code and message
    of the rule that refused it."""
    if isinstance(refusal, InvalidSubmission):
        errors = refusal.errors
        code = INVALID
        message = _("%(count)s error(s): nothing was stored.") % {"count": len(errors)}
    else:
        errors, code, message = [], refusal.code, refusal.message
    return RejectedSubmission.objects.create(
        at=now or timezone.now(),
        by=by if getattr(by, "pk", None) else None,
        channel=str(channel),
        file_names=[name[:255] for name in file_names][:100],
        code=code[:40],
        message=message,
        error_count=len(errors),
        errors=[_stored(error) for error in errors[:MAX_STORED_ERRORS]],
    )


def _visible_to(user: Any) -> QuerySet[RejectedSubmission]:
    found = RejectedSubmission.objects.select_related("by")
    return found if is_monitoring_manager(user) else found.filter(by=user)


def rejection_for_user(*, user: Any, public_id: Any) -> RejectedSubmission:
    """A refused attempt the user may see (their own; analysts and administrators: any);
    RejectedSubmission.DoesNotExist otherwise."""
    return _visible_to(user).get(public_id=public_id)


def rejections_for_user(*, user: Any, limit: int = 10) -> list[RejectedSubmission]:
    """The latest refused attempts the user may see, without their error lists."""
    return list(_visible_to(user).defer("errors")[:limit])


def rejection_errors(rejection: RejectedSubmission) -> list[FileError]:
    return [
        FileError(
            line=item["line"],
            column=item["column"],
            value=item["value"],
            code=item["code"],
            params=item.get("params") or {},
            file=item.get("file", ""),
        )
        for item in rejection.errors
    ]


def errors_csv(errors: Iterable[FileError]) -> bytes:
    """The errors as a CSV for Belgian Excel (UTF-8 with BOM, `;`), one row per error with
    the page's columns: file, line, column, value, code, reason (in the active language)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("File"), _("Line"), _("Column"), _("Value"), _("Code"), _("Reason")])
    for error in errors:
        writer.writerow(
            [
                spreadsheet_text(error.file),
                error.line,
                spreadsheet_text(error.column),
                spreadsheet_text(error.value),
                error.code,
                spreadsheet_text(error.reason),
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")
