"""The timeline of a family's first 1000 days: the moments computed from the due date and
the birth, and every recorded event, in date order.

Other apps add their events (the Kindboekje) through `pathways.extensions`: a
`RecordExtension(timeline=fn)` where `fn(pregnancy)` returns `Entry`s.
"""

from datetime import date, timedelta

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.core.dates import add_months
from perinatal.core.parameters import NotInForce
from perinatal.pathways.extensions import record_extensions

from .entitlements import birth_date_of
from .models import Birth, Contact, Pregnancy, ProgrammeService, Referral, Screening
from .parameters import first_value, parameter
from .rules import screening_window_end
from .timeline_entry import Entry


def _age(birth: date, age: str) -> date:
    number, unit = int(age[:-1]), age[-1]
    return birth + timedelta(weeks=number) if unit == "w" else add_months(birth, number)


def moments(pregnancy: Pregnancy, *, birth_date: date | None, today: date) -> list[Entry]:
    due = pregnancy.due_date
    conception = due - timedelta(days=parameter("pregnancy.conception_before_due_days", on=due))
    anchor = birth_date or due
    length = parameter("first_1000_days.length_days", on=conception)
    try:
        window_end = screening_window_end(anchor, on=anchor)
    except NotInForce:  # born before the programme's start: its first rule applies
        window_end = anchor + timedelta(days=first_value("screening.days_after_birth"))
    entries = [
        Entry(conception, "moment", _("Estimated conception: the first 1000 days begin")),
        Entry(due, "moment", _("Expected due date")),
        Entry(
            pregnancy.registered_on,
            "moment",
            _("Screening window opens (registration)"),
            until=window_end,
        ),
        Entry(
            window_end,
            "moment",
            _("Last day for the screening (7th day after birth)"),
        ),
    ]
    postnatal_end = anchor + timedelta(days=parameter("postnatal.period_days", on=anchor))
    entries.append(Entry(anchor, "moment", _("Postnatal period (42 days)"), until=postnatal_end))
    for number, age in enumerate(parameter("kind_en_gezin.key_moment_ages", on=anchor), 1):
        entries.append(
            Entry(
                _age(anchor, age),
                "moment",
                _("Kind en Gezin key moment %(number)s (%(age)s)")
                % {"number": number, "age": age.replace("w", " w").replace("m", " m")},
            )
        )
    entries.append(
        Entry(conception + timedelta(days=length - 1), "moment", _("End of the first 1000 days"))
    )
    return entries


def records(pregnancy: Pregnancy) -> list[Entry]:
    """The recorded events. The lists come from `pregnancy`'s prefetch cache when a caller
    (the family page) has already loaded them; only what is missing is queried."""
    prefetch_related_objects(
        [pregnancy],
        "birth__children",
        Prefetch("contacts", queryset=Contact.objects.select_related("organisation")),
        Prefetch("screenings", queryset=Screening.objects.select_related("organisation")),
        Prefetch(
            "programme_services",
            queryset=ProgrammeService.objects.select_related("organisation"),
        ),
        Prefetch(
            "referrals",
            queryset=Referral.objects.select_related("service", "from_organisation"),
        ),
    )
    entries: list[Entry] = []
    try:
        birth = pregnancy.birth
    except Birth.DoesNotExist:
        birth = None
    if birth is not None:
        names = ", ".join(c.given_name or "-" for c in birth.children.all())
        nicu = any(c.nicu_admission for c in birth.children.all())
        detail = names + (" · " + _("NICU admission") if nicu else "")
        entries.append(Entry(birth.date, "birth", _("Birth"), detail, birth.place_name))
    for c in pregnancy.contacts.all():
        entries.append(
            Entry(
                c.date,
                "contact",
                c.get_kind_display(),
                c.note,
                str(c.organisation),
                note=bool(c.note),
                shared=c.share_with_family,
            )
        )
    for s in pregnancy.screenings.all():
        entries.append(
            Entry(
                s.date,
                "screening",
                _("Screening: %(scenario)s") % {"scenario": s.get_scenario_display()},
                s.new_assessment_reason,
                str(s.organisation),
            )
        )
    for p in pregnancy.programme_services.all():
        entries.append(
            Entry(
                p.date,
                "programme_service",
                p.get_kind_display(),
                p.note,
                str(p.organisation),
                until=p.period_end,
                note=bool(p.note),
            )
        )
    for r in pregnancy.referrals.all():
        entries.append(
            Entry(
                timezone.localdate(r.created_at),
                "referral",
                _("Referral to %(service)s") % {"service": r.service},
                f"{r.get_status_display()} — {r.reason}",
                str(r.from_organisation),
                note=True,  # the reason is the referrer's own writing
            )
        )
    for extension in record_extensions:
        if extension.timeline is not None:
            entries.extend(extension.timeline(pregnancy))
    return entries


def timeline(pregnancy: Pregnancy, *, today: date | None = None) -> list[Entry]:
    today = today or timezone.localdate()
    entries = moments(pregnancy, birth_date=birth_date_of(pregnancy), today=today)
    entries += records(pregnancy)
    return sorted(entries, key=lambda e: (e.date, e.kind != "moment"))
