"""Calendar arithmetic, the one text form of dates in files (exports, API) and the one
form people read in messages."""

from datetime import date, datetime, timedelta


def days_in_month(year: int, month: int) -> int:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, days_in_month(year, month)))


def iso(value: date | datetime | None) -> str | None:
    """A date or time as ISO 8601 text, None kept (the format of exports)."""
    return value.isoformat() if value is not None else None


def shown(value: date) -> str:
    """A date as people read it in the active language ("03/12/2026"; conf/formats), for
    messages written in Python; templates use `|date:"SHORT_DATE_FORMAT"` (decision 0031)."""
    from django.utils.formats import date_format

    return date_format(value, "SHORT_DATE_FORMAT")
