"""Ask first: does this family have a Kindboekje, and if not, whose turn is it?

Any care professional may ask, by the mother's or the child's national number or by the
pregnancy: the answer says only whether a booklet was handed out (when, by which kind of
provider) and whose turn it is — no health data — and the question is in the access log, on
the basis of the care team (or consent) for whom may see the record and `lookup` for anyone
else, who is answered less (`FamilyStatus.full`, decision 0033). Monitoring and the order desk have their own selectors.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_care_professional
from perinatal.audit.lookup_limit import lookup_count
from perinatal.audit.models import AccessAction, AccessBasis
from perinatal.audit.services import access_records
from perinatal.core import national_number
from perinatal.core.identifiers import parse_uuid
from perinatal.pathways.access import Grant, grant_for
from perinatal.pathways.access_log import log_access
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.selectors import child_by_number_hash, pregnancy_of_mother_by_hash

from .constants import CHANNEL_PROVIDER, OrderKind, OrderStatus
from .errors import InvalidInput, NoAccess
from .models import Booklet, BookletOrder
from .rules import ROLE_CHANNELS, Situation, Turn, turns
from .services.distribution import open_parent_order
from .situation import situations_on

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass
class ChildStatus:
    child_order: int
    born: bool
    birth_date: date | None
    booklet: Booklet | None
    parent_order: BookletOrder | None
    situation: Situation
    turns: list[Turn]

    @property
    def has_booklet(self) -> bool:
        return self.booklet is not None or self.parent_order is not None

    @property
    def since(self) -> date | None:
        """Since when the child has its Kindboekje: the hand-out, or the parents' order."""
        if self.booklet is not None:
            return self.booklet.handed_out_on
        if self.parent_order is not None:
            return timezone.localdate(self.parent_order.submitted_at)
        return None

    @property
    def provider(self) -> "StrOrPromise":
        return CHANNEL_PROVIDER[self.booklet.channel].label if self.booklet else ""


@dataclass
class FamilyStatus:
    pregnancy: Pregnancy | None
    on: date
    children: list[ChildStatus] = field(default_factory=list)
    # A parents' order made with this national number for a family not on the platform.
    orders_without_family: list[BookletOrder] = field(default_factory=list)
    # Whether the asker may see the family's record (decision 0033): else the answer is only
    # "has a Kindboekje: yes/no, since when" and whose turn it is.
    full: bool = True

    def asker_in_turn(self, role: str) -> bool:
        """Whether a child without a Kindboekje waits for a hand-out by `role`."""
        channels = ROLE_CHANNELS.get(role, ())
        return any(
            turn.channel in channels
            for child in self.children
            if not child.has_booklet
            for turn in child.turns
        )


def family_status(*, by: Any, pregnancy: Pregnancy, on: date, request: Any = None) -> FamilyStatus:
    """The booklet status of each child (the expected child before birth) of `pregnancy`.
    The record is read once for all children (birth, children, the midwife, the booklets)."""
    if not is_care_professional(by):
        raise NoAccess
    if pregnancy.pseudonymised_at is not None:
        raise NoAccess(_("This record is closed."))
    with transaction.atomic():
        grant = grant_for(by, pregnancy)
        status = FamilyStatus(pregnancy=pregnancy, on=on, full=grant is not None)
        record = situations_on(pregnancy, on=on)
        birth = record.birth
        booklets = {
            b.child_order: b
            for b in Booklet.objects.filter(pregnancy=pregnancy, voided_on__isnull=True)
        }
        for order, situation in record.situations.items():
            booklet = booklets.get(order)
            parent_order = None
            if booklet is None:
                parent_order = open_parent_order(
                    pregnancy, order, birth=birth, child=record.children.get(order)
                )
            status.children.append(
                ChildStatus(
                    child_order=order,
                    born=birth is not None,
                    birth_date=birth.date if birth else None,
                    booklet=booklet,
                    parent_order=parent_order,
                    situation=situation,
                    turns=[] if booklet else turns(situation, on=on),
                )
            )
        # The true basis: the record's for whom may see it; a lookup for anyone else.
        log_access(
            by=by,
            pregnancy=pregnancy,
            grant=grant or Grant(AccessBasis.LOOKUP),
            action=AccessAction.READ,
            purpose="ask whether the family has a Kindboekje",
            request=request,
        )
    return status


def _orders_with_hash(digest: str) -> list[BookletOrder]:
    return list(
        BookletOrder.objects.filter(kind=OrderKind.PARENT, subject_hash=digest, kindboekjes=1)
        .exclude(status=OrderStatus.REFUSED)
        .order_by("child_order")
    )


def family_status_by_national_number(
    *, by: Any, number: str, on: date, request: Any = None
) -> FamilyStatus | None:
    """By the mother's national number (her latest pregnancy) or the child's. None when the
    platform knows neither the family nor a parents' order with that number. TooManyLookups
    over the user's lookup rate (audit/lookup_limit.py)."""
    if not is_care_professional(by):
        raise NoAccess
    lookup_count(
        user=by,
        request=request,
        record_type="pathways.pregnancy",
        purpose="ask whether the family has a Kindboekje",
    )
    try:
        digest = national_number.lookup_hash(national_number.validate(number))
    except ValidationError as exc:
        raise InvalidInput({"national_number": exc.messages}) from exc
    pregnancy = pregnancy_of_mother_by_hash(digest, include_ended=False)
    if pregnancy is None:
        child = child_by_number_hash(digest)
        pregnancy = child.birth.pregnancy if child else None
    if pregnancy is not None:
        return family_status(by=by, pregnancy=pregnancy, on=on, request=request)
    orders = _orders_with_hash(digest)
    if orders:
        return FamilyStatus(pregnancy=None, on=on, orders_without_family=orders)
    return None


# --- The registry as its providers see it ----------------------------------------------------


def family_get(public_id: Any) -> Pregnancy:
    """A pregnancy by its id, with what the registry reads of it (the mother, for the
    parents' orders made with her number, and the birth); not its record — the registry's selectors and
    services log what they show. Raises Pregnancy.DoesNotExist, also for a closed record."""
    uid = parse_uuid(public_id)
    if uid is None:
        raise Pregnancy.DoesNotExist
    return Pregnancy.objects.select_related("mother", "birth").get(
        public_id=uid, pseudonymised_at__isnull=True
    )


def booklet_get(public_id: Any) -> Booklet:
    """A booklet by its id, for a replacement or a cancellation (the service checks who may;
    the write is logged there). Raises Booklet.DoesNotExist, also for a closed record."""
    uid = parse_uuid(public_id)
    if uid is None:
        raise Booklet.DoesNotExist
    return Booklet.objects.select_related("pregnancy", "organisation").get(
        public_id=uid, pregnancy__pseudonymised_at__isnull=True
    )


@dataclass
class DistributionsPage:
    total: int
    booklets: list[Booklet]


def distributions_of_organisation(
    *,
    by: Any,
    start: date | None = None,
    end: date | None = None,
    offset: int = 0,
    limit: int = 20,
    request: Any = None,
) -> DistributionsPage:
    """The hand-outs recorded by `by`'s organisation (void ones too), latest first, between
    `start` and `end` inclusive. Each family on the page is in the access log (one row per
    family, written in one statement)."""
    if not is_care_professional(by) or by.role not in ROLE_CHANNELS:
        raise NoAccess(
            _("Only Kind en Gezin, independent midwives and hospitals hand out Kindboekjes.")
        )
    found = Booklet.objects.filter(
        organisation_id=by.organisation_id, pregnancy__pseudonymised_at__isnull=True
    )
    if start is not None:
        found = found.filter(handed_out_on__gte=start)
    if end is not None:
        found = found.filter(handed_out_on__lte=end)
    with transaction.atomic():
        total = found.count()
        booklets = list(
            found.select_related("pregnancy", "organisation", "replaces").order_by(
                "-handed_out_on", "-id"
            )[offset : offset + limit]
        )
        families = {str(b.pregnancy.public_id): b for b in booklets}
        access_records(
            actor=by,
            records=[(str(b.public_id), subject) for subject, b in families.items()],
            action=AccessAction.READ,
            record_type=Booklet._meta.label_lower,
            purpose="list the Kindboekjes handed out by the organisation",
            basis=AccessBasis.BOOKLET,
            request=request,
        )
    return DistributionsPage(total=total, booklets=booklets)
