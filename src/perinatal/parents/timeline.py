""" "My first 1000 days": what has happened and what comes next, in a parent's words.

Built from records already loaded (`selectors_timeline.my_first_1000_days` loads them in a
fixed number of queries) by plain functions: the same records as the professionals' timeline
(`pathways/timeline.py` and the Kindboekje's part of it), written for the family
(`wording.py`), with the dates of the programme's dated rules (`pathways/data/parameters.yaml`)
and the page's own (`parents/data/parameters.yaml`). Decision 0036.

- Only what the team chose to share of its notes is shown (`Contact.share_with_family`);
  every other professional text (referral reasons and answers, programme-service notes,
  screening answers) is internal and never reaches this page.
- Which agency's key moments a family sees, Kind en Gezin or ONE: `agency_of`.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from perinatal.accounts.constants import OrganisationKind
from perinatal.booklets.constants import CHANNEL_PROVIDER
from perinatal.core.dates import add_months
from perinatal.core.geography import area_by_code
from perinatal.core.parameters import NotInForce
from perinatal.pathways.constants import ProgrammeServiceKind as Kind
from perinatal.pathways.entitlements import limit_of
from perinatal.pathways.parameters import first_value
from perinatal.pathways.parameters import parameter as programme
from perinatal.pathways.rules import Scenario, screening_window_end

from . import wording
from .parameters import parameter

KIND_EN_GEZIN = "kind_en_gezin"
ONE = "one"


@dataclass(frozen=True)
class Happened:
    """Something that happened: the sentence, who did it, and a note the team shared."""

    date: date
    text: str
    by: str = ""
    note: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Coming:
    """Something to come: its date (`around` when it hangs on a birth still expected), and
    the last day of a period (`until`)."""

    date: date
    text: str
    around: bool = False
    detail: str = ""
    link: str = ""  # a URL name of the page where it is done


@dataclass(frozen=True)
class Entitlement:
    key: str
    text: str  # "2 of 10 home visits by a midwife after the birth used"
    used: int
    limit: int


def agency_of(
    *, lead_kind: str, team_kinds: Iterable[str], area_nis: str, languages: Sequence[str]
) -> str:
    """Kind en Gezin (the Flemish Community's agency) or ONE (the French Community's), whose
    key moments the family's timeline shows (decision 0036):

    1. the agency in the care team (the lead organisation first): the family is followed by it;
    2. otherwise Flanders → Kind en Gezin; Brussels → ONE unless the family's first language
       is Dutch (both agencies serve Brussels, each in its own language; seed 002).
    """
    kinds = [lead_kind, *team_kinds]
    for kind in kinds:
        if kind == OrganisationKind.KIND_EN_GEZIN:
            return KIND_EN_GEZIN
        if kind == OrganisationKind.ONE:
            return ONE
    area = area_by_code(area_nis)
    if area is not None and area.region == "brussels":
        return KIND_EN_GEZIN if languages[:1] == ["nl"] else ONE
    return KIND_EN_GEZIN


def _age_date(birth: date, age: str) -> date:
    number, unit = int(age[:-1]), age[-1]
    return birth + timedelta(weeks=number) if unit == "w" else add_months(birth, number)


def _age_words(age: str) -> str:
    number, unit = int(age[:-1]), age[-1]
    if unit == "w":
        return ngettext("%(n)s week old", "%(n)s weeks old", number) % {"n": number}
    return ngettext("%(n)s month old", "%(n)s months old", number) % {"n": number}


def _window_end(anchor: date) -> date:
    try:
        return screening_window_end(anchor, on=anchor)
    except NotInForce:  # before the programme's start: its first rule (pathways.timeline)
        return anchor + timedelta(days=first_value("screening.days_after_birth"))


def key_moments(agency: str, anchor: date) -> list[tuple[date, str]]:
    """The agency's consultations after the birth (`anchor`), with their sentence."""
    if agency == ONE:
        ages = parameter("one.key_moment_ages", on=anchor)
        sentence = _("Consultation at ONE: your baby is %(age)s")
    else:
        ages = programme("kind_en_gezin.key_moment_ages", on=anchor)
        sentence = _("Consultation at Kind en Gezin: your baby is %(age)s")
    return [(_age_date(anchor, age), sentence % {"age": _age_words(age)}) for age in ages]


def coming(
    *,
    due_date: date,
    birth_date: date | None,
    screened: bool,
    kraamzorg_asked: bool,
    agency: str,
    today: date,
) -> list[Coming]:
    """What comes next, from `today` on, in date order. Before the birth the moments that
    hang on it are counted from the due date and read "around"."""
    anchor = birth_date or due_date
    around = birth_date is None
    items: list[Coming] = []
    if birth_date is None:
        items.append(Coming(due_date, _("Your baby is expected"), around=True))
        ask_by = due_date - timedelta(
            weeks=parameter("kraamzorg.ask_by_weeks_before_due", on=due_date)
        )
        if not kraamzorg_asked:
            items.append(
                Coming(
                    max(ask_by, today),
                    _("Ask for kraamzorg, help at home after the birth"),
                    detail=_(
                        "Ask during the pregnancy: after the birth there may be no place left."
                    ),
                    link="kraamzorg:ask",
                )
            )
    if not screened:
        items.append(
            Coming(
                _window_end(anchor),
                _("Last day for the screening: a talk about your situation"),
                around=around,
                detail=_(
                    "It is possible until the 7th day after the birth and can open extra "
                    "support. Ask your midwife, doctor or Kind en Gezin or ONE."
                ),
            )
        )
    for day, text in key_moments(agency, anchor):
        items.append(Coming(day, text, around=around))
    if agency == ONE:
        until = add_months(anchor, parameter("one.consultations_until_months", on=anchor))
        free = _("ONE's consultations for your child are free until this day (6th birthday)")
    else:
        until = add_months(anchor, programme("kind_en_gezin.consultations_until_months", on=anchor))
        free = _(
            "Kind en Gezin's home visits and consultations are free until your child goes to "
            "school, at the latest until this day"
        )
    items.append(Coming(until, free, around=around))
    conception = due_date - timedelta(
        days=programme("pregnancy.conception_before_due_days", on=due_date)
    )
    length = programme("first_1000_days.length_days", on=conception)
    items.append(Coming(conception + timedelta(days=length - 1), _("The first 1000 days end")))
    return sorted((i for i in items if i.date >= today), key=lambda i: i.date)


def screening_opens(scenario: str) -> str:
    """What a screening's outcome opens, in words (no scenario letter)."""
    if scenario == Scenario.B:
        return _(
            "It opens personal advice talks during the pregnancy, care coordination for 12 "
            "months and meetings of your care team."
        )
    if scenario == Scenario.A:
        return _("It opens personal advice talks during the pregnancy.")
    return _("No extra support from the programme is needed now; your care team is there for you.")


def _entitlement_sentence(kind: str, used: int, limit: int) -> str:
    texts: dict[str, str] = {
        Kind.MIDWIFE_HOME_VISIT: _(
            "%(used)s of %(limit)s home visits by a midwife after the birth used"
        ),
        Kind.PHYSIOTHERAPY: _(
            "%(used)s of %(limit)s physiotherapy sessions used (on a doctor's prescription)"
        ),
        Kind.PPA: _("%(used)s of %(limit)s personal advice talks during the pregnancy used"),
        Kind.COORDINATION: _(
            "%(used)s of %(limit)s periods of care coordination (12 months each) used"
        ),
        Kind.MDO: _("%(used)s of %(limit)s meetings of your care team used"),
    }
    return texts[kind] % {"used": used, "limit": limit}


def entitlements(
    services: Iterable[Any], *, scenario: str, today: date, born: bool = False
) -> list[Entitlement]:
    """What the family used of each entitlement it has, against the limits in force `today`
    (`pathways.entitlements.limit_of`): the midwife's home visits and physiotherapy for every
    family, the programme's prenatal talks for scenario A or B while pregnant, coordination
    and meetings for B."""
    kinds = [Kind.MIDWIFE_HOME_VISIT, Kind.PHYSIOTHERAPY]
    if scenario in (Scenario.A, Scenario.B) and not born:
        kinds.insert(0, Kind.PPA)
    if scenario == Scenario.B:
        kinds += [Kind.COORDINATION, Kind.MDO]
    used: dict[str, int] = {}
    for service in services:
        used[service.kind] = used.get(service.kind, 0) + 1
    lines = []
    for kind in kinds:
        try:
            limit = limit_of(kind, today)
        except NotInForce:
            continue
        if limit is None:
            continue
        count = used.get(kind, 0)
        lines.append(
            Entitlement(str(kind), _entitlement_sentence(kind, count, limit), count, limit)
        )
    return lines


def scenario_of(screenings: Sequence[Any], today: date) -> str:
    """The scenario of the latest screening on or before `today` (as
    `pathways.entitlements.scenario_on`, from the loaded list)."""
    done = [s for s in screenings if s.date <= today]
    if not done:
        return Scenario.NONE
    latest = max(done, key=lambda s: (s.date, s.created_at, s.id))
    return latest.scenario or Scenario.NONE


def happened(
    *,
    pregnancy: Any,
    birth: Any,
    children: Sequence[Any],
    contacts: Iterable[Any],
    screenings: Iterable[Any],
    services: Iterable[Any],
    referrals: Iterable[Any],
    booklets: Iterable[Any],
    kraamzorg_requests: Iterable[Any],
    today: date,
) -> list[Happened]:
    """What has happened, newest first. Only notes the team shared are shown."""
    items = [
        Happened(
            pregnancy.registered_on,
            _("Your pregnancy was registered"),
            by=str(pregnancy.lead_organisation),
        )
    ]
    if birth is not None:
        names = [c.given_name for c in children if c.given_name]
        text = (
            _("Your baby was born: %(names)s") % {"names": ", ".join(names)}
            if names
            else _("Your baby was born")
        )
        items.append(Happened(birth.date, text, detail=birth.place_name))
    for c in contacts:
        sentence = wording.CONTACT_SENTENCES.get(c.kind, wording.CONTACT_SENTENCES["other"])
        note = c.note if c.share_with_family else ""
        items.append(Happened(c.date, sentence % {"organisation": c.organisation}, note=note))
    for s in screenings:
        items.append(
            Happened(
                s.date,
                _("The screening of your situation was done"),
                by=str(s.organisation),
                detail=screening_opens(s.scenario),
            )
        )
    for p in services:
        text = wording.SERVICE_SENTENCES[p.kind] % {"organisation": p.organisation}
        detail = ""
        if p.kind == Kind.COORDINATION and p.period_end:
            detail = _("It runs until %(date)s.") % {"date": _day(p.period_end)}
        items.append(Happened(p.date, text, detail=detail))
    for r in referrals:
        items.append(
            Happened(
                _local_day(r.created_at),
                _("Your care team referred you to %(service)s") % {"service": r.service},
                by=str(r.from_organisation),
            )
        )
    child_names = {c.birth_order: c.given_name for c in children}
    for b in booklets:
        provider = CHANNEL_PROVIDER[b.channel]
        child = child_names.get(b.child_order) or ""
        items.append(Happened(b.handed_out_on, str(wording.BOOKLET_FROM[provider]), detail=child))
    for k in kraamzorg_requests:
        items.append(
            Happened(
                _local_day(k.submitted_at),
                _("Kraamzorg was asked at %(service)s") % {"service": k.offer.service.name},
            )
        )
    return sorted((i for i in items if i.date <= today), key=lambda i: i.date, reverse=True)


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def _local_day(moment: Any) -> date:
    return timezone.localdate(moment)
