"""The home page's sections on the family record, for the professionals who care for
families (Kind en Gezin, ONE, midwives, GPs, community health centres, programme providers,
hospitals). Each section is one bounded query (a limit, on indexed columns) over the families
the user's organisation cares for: it leads them, or is in their care team with the family's
consent to share (the scoping of `pathways.selectors`; an emergency access is not "mine").
Each family named is added to `shown` for the access log."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.audit.models import AccessBasis
from perinatal.pathways import entitlements
from perinatal.pathways.constants import ContactKind, PregnancyStatus, ProgrammeServiceKind
from perinatal.pathways.models import (
    CareTeamMember,
    Consent,
    Contact,
    Pregnancy,
    ProgrammeService,
    Screening,
)
from perinatal.pathways.parameters import parameter as programme_parameter
from perinatal.pathways.rules import screening_window_end
from perinatal.pathways.sharing import member_shares_subquery

from . import rules
from .access_log import FamiliesShown
from .items import Item, day

PREGNANCY = "pathways.pregnancy"


def cared_for(found: QuerySet, user: Any, path: str = "") -> QuerySet:
    """`found` (pregnancies, or rows reaching a pregnancy by `path`, e.g. "birth__pregnancy__")
    restricted to the families `user`'s organisation cares for: it leads them, or is in
    their care team and the family shares the record with it: by its own choice for that
    organisation, or else its consent to share within the team (decision 0037; never a
    pseudonymised one).

    One statement per section: the care team is asked per row the section's own index
    reads (a scalar subquery on `care_team_member_once`, the pregnancy and organisation),
    never as a set. Written as `EXISTS` or `IN`, PostgreSQL reads the organisation's whole
    care team for every section (a hashed subplan; with the lead organisation in an OR,
    every pregnancy) — which is why the sections used to read their two parts apart."""
    org = user.organisation_id
    return found.alias(_team_shares=member_shares_subquery(org, path)).filter(
        Q(**{f"{path}pseudonymised_at__isnull": True})
        & (Q(**{f"{path}lead_organisation_id": org}) | Q(_team_shares=True))
    )


def first_of(
    build: Callable[[QuerySet[Pregnancy]], QuerySet[Pregnancy]],
    *,
    user: Any,
    order: tuple[str, ...],
    limit: int,
) -> list[Pregnancy]:
    """The first `limit` families by `order` among those `user`'s organisation cares for,
    `build` applied to them: one statement."""
    return list(build(cared_for(Pregnancy.objects.all(), user)).order_by(*order)[:limit])


def basis_of(user: Any, pregnancy: Pregnancy) -> AccessBasis:
    """The basis a family of `cared_for` is seen on."""
    if pregnancy.lead_organisation_id == user.organisation_id:
        return AccessBasis.CARE_TEAM
    return AccessBasis.CONSENT


def name_of(pregnancy: Pregnancy) -> str:
    return pregnancy.mother.full_name or _("(no name)")


def family_url(pregnancy: Pregnancy, anchor: str = "") -> str:
    url = reverse("pathways:pregnancy", args=[pregnancy.public_id])
    return f"{url}#{anchor}" if anchor else url


def _shown(shown: FamiliesShown, user: Any, pregnancy: Pregnancy) -> None:
    shown.add(
        basis=basis_of(user, pregnancy),
        record_type=PREGNANCY,
        record_id=pregnancy.public_id,
        subject=pregnancy.public_id,
    )


def my_families(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """The families in care now (not ended), the nearest expected or latest birth first."""
    found = first_of(
        lambda part: (
            part.exclude(status=PregnancyStatus.ENDED)
            .filter(due_date__gte=on - timedelta(days=365))
            .select_related("mother", "birth")
        ),
        user=user,
        order=("due_date", "id"),
        limit=rules.items_per_kind(on),
    )
    items = []
    for pregnancy in found:
        _shown(shown, user, pregnancy)
        birth = getattr(pregnancy, "birth", None)
        why = (
            _("Born on %(date)s.") % {"date": day(birth.date)}
            if birth is not None
            else _("Expected on %(date)s.") % {"date": day(pregnancy.due_date)}
        )
        items.append(Item(name_of(pregnancy), why, family_url(pregnancy)))
    return items


def start_conversations(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """Ongoing pregnancies without a start conversation whose due day (`rules.
    startgesprek_due`) falls within the horizon or has passed, the most urgent first."""
    latest_due_date = rules.startgesprek_latest_due_date(on)
    held = Contact.objects.filter(pregnancy=OuterRef("pk"), kind=ContactKind.START_CONVERSATION)
    found = first_of(
        lambda part: (
            part.filter(
                status=PregnancyStatus.ONGOING, due_date__gte=on, due_date__lte=latest_due_date
            )
            .filter(~Exists(held))
            .select_related("mother")
        ),
        user=user,
        order=("due_date", "id"),
        limit=rules.items_per_kind(on),
    )
    week = rules.parameter("startgesprek.due_week", on=on)
    items = []
    for pregnancy in found:
        due = rules.startgesprek_due(pregnancy.due_date, on=on)
        late = rules.is_late(due, on=on)
        text = (
            _("Start conversation not held yet: it was due by %(date)s (week %(week)s).")
            if late
            else _("Start conversation due by %(date)s (week %(week)s of the pregnancy).")
        )
        _shown(shown, user, pregnancy)
        items.append(
            Item(
                name_of(pregnancy),
                text % {"date": day(due), "week": week},
                reverse("pathways:contact_new", args=[pregnancy.public_id]),
                late=late,
            )
        )
    return items


def screenings_closing(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """Born children's families without a screening whose window (birth + 7 days, seed 002)
    is still open, the one closing first on top."""
    days = programme_parameter("screening.days_after_birth", on=on)
    screened = Screening.objects.filter(pregnancy=OuterRef("pk"))
    found = first_of(
        lambda part: (
            part.filter(birth__date__gte=on - timedelta(days=days), birth__date__lte=on)
            .filter(~Exists(screened))
            .select_related("mother", "birth")
        ),
        user=user,
        order=("birth__date", "id"),
        limit=rules.items_per_kind(on),
    )
    items = []
    for pregnancy in found:
        last = screening_window_end(pregnancy.birth.date, on=on)
        _shown(shown, user, pregnancy)
        items.append(
            Item(
                name_of(pregnancy),
                _("Screening possible until %(date)s (%(days)s days after the birth).")
                % {"date": day(last), "days": days},
                reverse("pathways:screening_new", args=[pregnancy.public_id]),
                late=last <= on,
            )
        )
    return items


def consent_requests(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """Families the user's organisation leads whose care team has other organisations while
    the family has not consented to share: they cannot see the record until it does."""
    # a member the family chose for itself (decision 0037) does not wait for the consent
    others = CareTeamMember.objects.filter(
        pregnancy=OuterRef("pk"), ended_at__isnull=True, sharing__isnull=True
    ).exclude(organisation_id=user.organisation_id)
    found = (
        Pregnancy.objects.filter(
            lead_organisation_id=user.organisation_id,
            pseudonymised_at__isnull=True,
            consent_to_share=False,
        )
        .exclude(status=PregnancyStatus.ENDED)
        .filter(Exists(others))
        .select_related("mother")
        .order_by("due_date", "id")[: rules.items_per_kind(on)]
    )
    items = []
    for pregnancy in found:
        _shown(shown, user, pregnancy)
        items.append(
            Item(
                name_of(pregnancy),
                _(
                    "The family has not consented to share the record: the other "
                    "organisations of its care team cannot see it. Ask the family."
                ),
                reverse("pathways:team", args=[pregnancy.public_id]),
            )
        )
    return items


def sharing_withdrawn(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """Families the user's organisation leads that withdrew sharing with an organisation of
    their care team in the recent days, from their own space (decision 0037), the latest
    first: the team knows who no longer sees the record."""
    since = timezone.make_aware(datetime.combine(rules.recent_since(on), time.min))
    found = (
        Consent.objects.filter(
            organisation__isnull=False,
            given=False,
            recorded_at__gte=since,
            pregnancy__lead_organisation_id=user.organisation_id,
            pregnancy__pseudonymised_at__isnull=True,
        )
        .select_related("pregnancy__mother", "organisation")
        .order_by("-recorded_at", "-id")[: rules.items_per_kind(on)]
    )
    items = []
    for consent in found:
        pregnancy = consent.pregnancy
        _shown(shown, user, pregnancy)
        items.append(
            Item(
                name_of(pregnancy),
                _("The family withdrew sharing with %(organisation)s on %(date)s.")
                % {
                    "organisation": consent.organisation,
                    "date": day(timezone.localtime(consent.recorded_at).date()),
                },
                reverse("pathways:team", args=[pregnancy.public_id]),
            )
        )
    return items


COUNTED_KINDS = tuple(k for k in ProgrammeServiceKind if k != ProgrammeServiceKind.KG_CONSULTATION)


def entitlements_near_limit(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """Entitlements of the families in care with at most `worklist.near_limit_remaining`
    left (the limits in force today, `pathways.entitlements.limit_of`)."""
    near = Q()
    limits = {}
    for kind in COUNTED_KINDS:
        limit = entitlements.limit_of(kind, on)
        if limit is None:
            continue
        limits[kind] = limit
        least = max(limit - rules.parameter("worklist.near_limit_remaining", on=on), 1)
        near |= Q(kind=kind, used__gte=least)
    limit = rules.items_per_kind(on)
    rows = list(
        ProgrammeService.objects.filter(
            pregnancy__in=cared_for(
                Pregnancy.objects.exclude(status=PregnancyStatus.ENDED), user
            ).values("pk")
        )
        .values("pregnancy_id", "kind")
        .annotate(used=Count("id"))
        .filter(near)
        .order_by("pregnancy_id", "kind")[:limit]
    )
    pregnancies = Pregnancy.objects.select_related("mother").in_bulk(
        {row["pregnancy_id"] for row in rows}
    )
    items = []
    for row in rows:
        pregnancy, limit = pregnancies[row["pregnancy_id"]], limits[row["kind"]]
        _shown(shown, user, pregnancy)
        left = max(limit - row["used"], 0)
        items.append(
            Item(
                name_of(pregnancy),
                _("%(service)s: %(used)s of %(limit)s used, %(left)s left.")
                % {
                    "service": ProgrammeServiceKind(row["kind"]).label,
                    "used": row["used"],
                    "limit": limit,
                    "left": left,
                },
                family_url(pregnancy, "entitlements"),
                late=left == 0,
            )
        )
    return items


def births_to_register(*, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    """A hospital's families whose expected date is within the horizon or past, without a
    recorded birth."""
    found = first_of(
        lambda part: part.filter(
            status=PregnancyStatus.ONGOING,
            due_date__lte=rules.horizon(on),
            due_date__gte=on - timedelta(days=60),
        ).select_related("mother"),
        user=user,
        order=("due_date", "id"),
        limit=rules.items_per_kind(on),
    )
    items = []
    for pregnancy in found:
        late = rules.is_late(pregnancy.due_date, on=on)
        text = (
            _("Expected on %(date)s; no birth recorded yet.")
            if late
            else _("Expected on %(date)s: record the birth when it happens.")
        )
        _shown(shown, user, pregnancy)
        items.append(
            Item(
                name_of(pregnancy),
                text % {"date": day(pregnancy.due_date)},
                reverse("pathways:birth", args=[pregnancy.public_id]),
                late=late,
            )
        )
    return items
