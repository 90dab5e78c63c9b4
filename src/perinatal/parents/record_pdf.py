"""The family's record as a readable PDF (reportlab, A4), in the active language: the same
content as the family's JSON download (`my_data.my_record`, internal notes already taken
out), written for people: dates in words, statuses as words, no codes. The style is the
kraamzorg statement's (`kraamzorg/pdf.py`): a heading, a few facts, a grey-ruled table per
section; reproducible (`invariant`)."""

import io
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from perinatal.audit.models import AccessAction, AccessBasis
from perinatal.kraamzorg.constants import RequestStatus
from perinatal.pathways.constants import PregnancyStatus

STYLES = getSampleStyleSheet()
GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
    ]
)
WIDTH = 17 * cm  # A4 less the 2 cm margins


def _text(value: object) -> str:
    """Text for a Paragraph: markup escaped, no narrow space (not in Helvetica)."""
    return escape(str(value)).replace("\u202f", "\xa0")


def day(value: str | None) -> str:
    """An ISO date or time of the export as the language writes the day ("3 décembre 2026")."""
    if not value:
        return "–"
    if "T" in value:
        moment = timezone.localtime(datetime.fromisoformat(value))
        return formats.date_format(moment, "DATE_FORMAT")
    return formats.date_format(date.fromisoformat(value), "DATE_FORMAT")


def _label(choices: Any, value: str | None) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return "–"


def _table(heading: str, header: list[str], rows: list[list[Any]]) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(_text(heading), STYLES["Heading2"])]
    if not rows:
        return [*story, Paragraph(_text(_("Nothing recorded.")), STYLES["BodyText"])]
    body = STYLES["BodyText"]
    cells = [
        [Paragraph(_text(cell if cell not in (None, "") else "–"), body) for cell in row]
        for row in [header, *rows]
    ]
    table = Table(cells, colWidths=[WIDTH / len(header)] * len(header), repeatRows=1, hAlign="LEFT")
    table.setStyle(GRID)
    return [*story, table]


def _people(data: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for who, person in ((_("Mother"), data["mother"]), (_("Partner"), data["partner"])):
        if person:
            name = f"{person['given_name']} {person['family_name']}".strip()
            rows.append([who, name, day(person["birth_date"])])
    birth = data.get("birth") or {}
    for child in birth.get("children", []):
        name = f"{child['given_name']} {child['family_name']}".strip()
        rows.append([_("Child"), name, day(child["birth_date"])])
    return rows


def _sections(data: dict[str, Any]) -> list[Flowable]:
    story: list[Flowable] = []
    story += _table(_("People"), [_("Who"), _("Name"), _("Born on")], _people(data))
    story += _table(
        _("Care team"),
        [_("Organisation"), _("Professional"), _("Since"), _("Until")],
        [
            [m["organisation"], m["professional"], day(m["added_at"]), day(m["ended_at"])]
            for m in data["care_team"]
        ],
    )
    story += _table(
        _("Contacts"),
        [_("Date"), _("What"), _("Organisation"), _("Note shared with you")],
        [[day(c["date"]), c["kind_label"], c["organisation"], c["note"]] for c in data["contacts"]],
    )
    story += _table(
        _("Screenings"),
        [_("Date"), _("Result"), _("Organisation")],
        [[day(s["date"]), s["scenario_label"], s["organisation"]] for s in data["screenings"]],
    )
    story += _table(
        _("Care and support received"),
        [_("Date"), _("What"), _("Organisation")],
        [[day(p["date"]), p["kind_label"], p["organisation"]] for p in data["programme_services"]],
    )
    story += _table(
        _("Referrals"),
        [_("Sent on"), _("Service"), _("Status"), _("Answer")],
        [
            [day(r["sent_at"]), r["service"], r["status_label"], r["answer"]]
            for r in data["referrals"]
        ],
    )
    kraamzorg = (data.get("kraamzorg") or {}).get("requests", [])
    story += _table(
        _("Kraamzorg requests"),
        [_("Asked on"), _("Service"), _("Status"), _("Visits")],
        [
            [
                day(k["submitted_at"]),
                k["service"],
                _label(RequestStatus, k["status"]),
                len(k["visits"]),
            ]
            for k in kraamzorg
        ],
    )
    booklets = (data.get("kindboekje") or {}).get("booklets", [])
    story += _table(
        _("Kindboekje"),
        [_("Handed out on"), _("Child"), _("By")],
        [
            [day(b["handed_out_on"]), b["child_order"], b["organisation"] or b["provider"]]
            for b in booklets
        ],
    )
    story += _table(
        _("Requests for a correction"),
        [_("Asked on"), _("What is wrong"), _("Answer")],
        [
            [day(c["asked_at"]), c["what_is_wrong"], c["answer"] or _("not answered yet")]
            for c in data["corrections"]
        ],
    )
    story += _table(
        _("Who looked at the record"),
        [_("When"), _("Who"), _("What"), _("On what basis")],
        [
            [
                day(a["at"]),
                a["organisation"] or a["user"],
                _label(AccessAction, a["action"]),
                _label(AccessBasis, a["basis"]),
            ]
            for a in data["accesses"][:200]
        ],
    )
    return story


def record_pdf(data: dict[str, Any]) -> bytes:
    """`data` (from `my_data.my_record`) as a PDF in the active language."""
    buffer = io.BytesIO()
    title = _("The record of my family")
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="perinatal",
        invariant=1,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
    )
    pregnancy = data["pregnancy"]
    facts = [
        _("Made on %(date)s.") % {"date": day(data["exported_at"])},
        _("Expected birth: %(date)s") % {"date": day(pregnancy["due_date"])},
        _("Status: %(status)s") % {"status": _label(PregnancyStatus, pregnancy["status"])},
        _("Registered by: %(organisation)s") % {"organisation": pregnancy["registered_by"]},
        _(
            "This is your copy of your family's record (GDPR articles 15 and 20). The "
            "professionals' personal notes are not in it, unless they shared them with you."
        ),
    ]
    story: list[Flowable] = [
        Paragraph(_text(title), STYLES["Heading1"]),
        Paragraph("<br/>".join(_text(fact) for fact in facts), STYLES["BodyText"]),
        Spacer(1, 0.4 * cm),
        *_sections(data),
    ]
    document.build(story)
    return buffer.getvalue()
