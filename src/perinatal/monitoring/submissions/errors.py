"""The two ways a submission is refused: its file has errors (`FileError`, each with line,
column, value and reason, and a stable code), or a rule says no (`SubmissionRefused`: the year
is final, the service is not the user's, …). Either way nothing is stored."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from .columns import MAX_ERRORS

# The reason of each file error, by its stable code (named placeholders from `params`).
FILE_ERROR_MESSAGES = {
    "encoding": _("The file is neither UTF-8 nor Windows-1252 (byte %(byte)s)."),
    "utf16_without_bom": _(
        "The file looks like UTF-16 without a byte order mark: save it as CSV UTF-8."
    ),
    "control_character": _(
        "The value holds a control character (%(char)s) at position %(position)s: the file "
        "may be damaged or in another encoding. Remove it or save the file as CSV UTF-8."
    ),
    "empty_file": _("The file is empty: it needs a header line and at least one row."),
    "mixed_delimiters": _("The header mixes ';' and ',': use one of them as the separator."),
    "missing_column": _("The column %(column)s is missing."),
    "unknown_column": _("Unknown column; the columns are: %(columns)s."),
    "duplicate_column": _("This column appears twice."),
    "field_count": _("The line has %(found)s fields where the header has %(expected)s."),
    "unreadable_line": _(
        "This line cannot be read as CSV: a value is far too long, or a quote is never closed."
    ),
    "required": _("A value is required."),
    "too_long": _("At most %(max)s characters."),
    "bad_year": _("Not a year (four digits)."),
    "year_out_of_range": _("The work year must lie between %(first)s and %(last)s."),
    "bad_service_id": _(
        "A recognition number has letters, digits, '.', '/' or '-' (at most 20 characters)."
    ),
    "inconsistent_service": _(
        "The service %(service)s has another %(column)s on line %(line)s (%(first)s)."
    ),
    "bad_sector": _("The sector is 'public' or 'private'."),
    "duplicate_dossier": _(
        "The dossier %(dossier)s of this service and year is already on line %(line)s."
    ),
    "unknown_province": _(
        "Not a Flemish province or the Brussels-Capital Region (Dutch or French name, or NIS code)."
    ),
    "bad_newborn": _("Write 1 or 0, true or false, ja or nee, oui or non."),
    "bad_number": _("Not a number of hours."),
    "mixed_decimal": _(
        "Mixed decimal styles: this file writes the decimal %(expected)s, this value has a %(found)s."
    ),
    "too_many_decimals": _("At most %(places)s decimals."),
    "negative_hours": _("Hours cannot be negative."),
    "absurd_hours": _("More than %(max)s hours for one dossier in a year is not plausible."),
    "service_in_two_files": _(
        "The service %(service)s and year %(year)s are also in the file %(other)s."
    ),
    "too_many_errors": _("More than %(max)s errors: the rest are not listed."),
}


@dataclass(frozen=True)
class FileError:
    line: int
    column: str
    value: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    file: str = ""

    @property
    def reason(self) -> str:
        return str(FILE_ERROR_MESSAGES[self.code]) % self.params

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "code": self.code,
            "reason": self.reason,
        }


def listed_errors(errors: list[FileError], count: int, file: str) -> list[FileError]:
    """A file's errors as they are listed: the first `MAX_ERRORS` of `errors` (in line
    order), then, when `count` says there were more, one `too_many_errors` at the line of
    the first one left out."""
    if count <= MAX_ERRORS:
        return errors[:MAX_ERRORS]
    cut = errors[MAX_ERRORS].line if len(errors) > MAX_ERRORS else errors[-1].line
    return [
        *errors[:MAX_ERRORS],
        FileError(cut, "", "", "too_many_errors", {"max": MAX_ERRORS}, file),
    ]


class InvalidSubmission(Exception):
    """The files have errors: `count` of them, `errors` lists them (at most `MAX_ERRORS`
    per file, then a `too_many_errors`)."""

    def __init__(self, errors: list[FileError], count: int | None = None):
        self.count = len([e for e in errors if e.code != "too_many_errors"])
        if count is not None:
            self.count = count
        super().__init__(f"{self.count} error(s) in the submission")
        self.errors = errors


class SubmissionRefused(Exception):
    """A rule refuses the submission or the action, with a stable code and a message."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message
