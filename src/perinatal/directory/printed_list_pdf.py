"""The printable list as a PDF (reportlab, A4), in the family's language: the same sheets
as the print page — each service's name, what it is and for whom in a line, phones, e-mail,
website, address and hours — compact enough that a handful of services fit on one page.

Helvetica, as the other PDFs of the platform (monitoring, kraamzorg): its WinAnsi encoding
holds Dutch, French and English; reportlab's `invariant` mode gives the same bytes for the
same list. Call it with the family's language active.
"""

import io
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .language_fallback import Translated
from .service_sheet import ServiceSheet
from .templatetags.directory_tags import fallback_note

STYLES = getSampleStyleSheet()
TITLE = STYLES["Heading1"].clone("list-title", fontSize=16, leading=19, spaceAfter=4)
INTRO = STYLES["BodyText"].clone("list-intro", fontSize=9, leading=11.5, textColor=colors.grey)
NAME = STYLES["BodyText"].clone(
    "service-name", fontName="Helvetica-Bold", fontSize=10.5, leading=13, spaceBefore=0
)
LINE = STYLES["BodyText"].clone("service-line", fontSize=9, leading=11.5, spaceBefore=0)
LINK_COLOUR = "#0b5c8a"
# The print page says the same (printed_list.html).
NO_CONTACT = gettext_lazy(
    "Ask your midwife, your doctor, Kind en Gezin / ONE or your CPAS/OCMW how to reach this service."
)


def _text(value: object) -> str:
    """Text for a Paragraph: markup escaped, no narrow space (not in Helvetica)."""
    return escape(str(value)).replace("\u202f", "\xa0")


def _plain(value: Translated) -> str:
    if value.is_fallback:
        return f"{value.text} ({fallback_note(value.lang)})"
    return value.text


def _link(href: str, text: str) -> str:
    return f'<a href={quoteattr(href)} color="{LINK_COLOUR}">{_text(text)}</a>'


def _labelled(label: str, value: str) -> str:
    """ "Phone: …" with the label in bold; `value` is Paragraph markup already."""
    return f"<b>{_text(label)}</b> {value}"


def _service(number: int, sheet: ServiceSheet) -> KeepTogether:
    name = f"{number}. {_text(_plain(sheet.name))}"
    organization = _plain(sheet.organization)
    if organization and organization != sheet.name.text:
        name += f' <font name="Helvetica" color="grey">— {_text(organization)}</font>'
    lines = [Paragraph(name, NAME)]
    if sheet.summary:
        lines.append(Paragraph(_text(sheet.summary), LINE))
    if sheet.for_whom_summary:
        lines.append(Paragraph(_labelled(_("For whom:"), _text(sheet.for_whom_summary)), LINE))
    if sheet.phones:
        phones = ", ".join(
            _link(line.phone.href, line.phone.text)
            + (f" ({_text(line.note)})" if line.note else "")
            for line in sheet.phones
        )
        lines.append(Paragraph(_labelled(_("Phone:"), phones), LINE))
    if sheet.email:
        lines.append(
            Paragraph(_labelled(_("E-mail:"), _link(f"mailto:{sheet.email}", sheet.email)), LINE)
        )
    if sheet.website:
        lines.append(
            Paragraph(_labelled(_("Website:"), _link(sheet.website, sheet.website_text)), LINE)
        )
    for place in sheet.places:
        lines.append(Paragraph(_labelled(_("Address:"), _text(place.line)), LINE))
    if sheet.hours:
        hours = "<br/>".join(_text(line) for line in sheet.hours)
        lines.append(Paragraph(_labelled(_("Hours:"), hours), LINE))
    if not sheet.has_contact and sheet.how_to_apply.text:
        lines.append(
            Paragraph(_labelled(_("How to apply:"), _text(_plain(sheet.how_to_apply))), LINE)
        )
    elif not sheet.has_contact:
        lines.append(Paragraph(_text(NO_CONTACT), LINE))
    return KeepTogether([*lines, Spacer(1, 0.3 * cm)])


def services_list_pdf(
    sheets: list[ServiceSheet], *, made_on: date, site: str, compress: bool = True
) -> bytes:
    """The list's PDF: a title, when and from where it was made, then each service."""
    buffer = io.BytesIO()
    title = _("Useful addresses")
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=1.6 * cm,
        rightMargin=1.6 * cm,
        topMargin=1.4 * cm,
        bottomMargin=1.4 * cm,
        title=title,
        author="perinatal",
        invariant=1,
        pageCompression=1 if compress else 0,
    )
    intro = _(
        "Chosen for you on %(date)s from the perinatal directory (%(site)s). "
        "Call before you go: hours and conditions can change."
    ) % {"date": date_format(made_on, "DATE_FORMAT"), "site": site}
    story: list = [Paragraph(_text(title), TITLE), Paragraph(_text(intro), INTRO)]
    story.append(Spacer(1, 0.35 * cm))
    story += [_service(number, sheet) for number, sheet in enumerate(sheets, start=1)]
    document.build(story)
    return buffer.getvalue()
