"""The monthly statement as a PDF (reportlab, A4), in the active language: the service, the
family's contact name, the month, the income band and its hourly price, a line per visit
(date, kraamverzorgende, hours, price, amount) and the totals. Reproducible: reportlab's
`invariant` mode (no creation date, a fixed id), so the same statement gives the same bytes.
"""

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from .statements import Statement

STYLES = getSampleStyleSheet()
GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
        ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
        ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
    ]
)


def _text(value: object) -> str:
    """Text for a Paragraph: markup escaped, no narrow space (not in Helvetica)."""
    return escape(str(value)).replace("\u202f", "\xa0")


def money(value: Decimal) -> str:
    return "€\xa0" + number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)


def hours_text(value: Decimal) -> str:
    return number_format(value, decimal_pos=2, use_l10n=True)


def month_title(statement: Statement) -> str:
    return date_format(statement.first_day, "YEAR_MONTH_FORMAT")


def statement_pdf(statement: Statement) -> bytes:
    kraamzorg_request = statement.kraamzorg_request
    buffer = io.BytesIO()
    title = _("Kraamzorg statement %(month)s") % {"month": month_title(statement)}
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author=str(kraamzorg_request.offer.service.name),
        invariant=1,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
    )
    facts = [
        _("Kraamzorg service: %(name)s") % {"name": kraamzorg_request.offer.service.name},
        _("Family: %(name)s") % {"name": kraamzorg_request.contact_name or "–"},
        _("Income band: %(band)s") % {"band": statement.band},
    ]
    if statement.price is not None:
        facts.append(_("Your hourly price: %(price)s") % {"price": money(statement.price)})
    if len(statement.prices) > 1:
        facts.append(_("The tariff changed this month; each visit is at the price of its day."))
    rows: list[list[str]] = [
        [_("Date"), _("Kraamverzorgende"), _("Hours"), _("Price per hour"), _("Amount")]
    ]
    for line, carer in statement.rows:
        rows.append(
            [
                date_format(line.date, "SHORT_DATE_FORMAT"),
                carer,
                hours_text(line.hours),
                money(line.price),
                money(line.amount),
            ]
        )
    rows.append(
        [_("Total"), "", hours_text(statement.total_hours), "", money(statement.total_amount)]
    )
    table = Table(
        [
            [
                Paragraph(_text(cell), STYLES["BodyText"]) if i == 1 else cell
                for i, cell in enumerate(row)
            ]
            for row in rows
        ],
        colWidths=[2.6 * cm, 6 * cm, 2.2 * cm, 3 * cm, 3 * cm],
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(GRID)
    story = [
        Paragraph(_text(title), STYLES["Heading1"]),
        Paragraph("<br/>".join(_text(fact) for fact in facts), STYLES["BodyText"]),
        Spacer(1, 0.4 * cm),
        table
        if statement.lines
        else Paragraph(_text(_("No visits this month.")), STYLES["BodyText"]),
    ]
    document.build(story)
    return buffer.getvalue()
