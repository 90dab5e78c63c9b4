"""What a home page holds: sections of items, each item saying why it is there (a translated
sentence with its date in the language's own format) and linking to the one page where it is
done. Dates are written with `day()` and `moment()` (never ISO, never a code)."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import formats, timezone


def day(value: date) -> str:
    """A date as the language writes it (3 december 2026, 3 décembre 2026, Dec. 3, 2026)."""
    return formats.date_format(value, "DATE_FORMAT")


def moment(value: datetime) -> str:
    """A moment in Brussels time, as the language writes the date, with hours and minutes."""
    local = timezone.localtime(value)
    return f"{day(local.date())} {formats.time_format(local.time(), 'H:i')}"


@dataclass(frozen=True)
class Item:
    """One task: who or what (`title`), why it is on the home page (`why`), where it is done
    (`url`), and whether it is late."""

    title: str
    why: str
    url: str
    late: bool = False


@dataclass
class Section:
    """The items of one kind (`key`, also the section's anchor), with a heading, the sentence
    shown when there is none, and the page that lists them all (`more_url`)."""

    key: str
    heading: str
    empty: str
    items: list[Item] = field(default_factory=list)
    more_url: str = ""
    more_label: str = ""
    total: int | None = None  # when more exist than are listed


@dataclass
class Home:
    """A user's home page: the role's sections, in the order the day's work needs them."""

    sections: list[Section]

    @property
    def count(self) -> int:
        return sum(len(section.items) for section in self.sections)


def month(value: date) -> str:
    """A month as the language writes it (november 2026, novembre 2026, November 2026)."""
    return formats.date_format(value, "YEAR_MONTH_FORMAT")
