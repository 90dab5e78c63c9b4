"""Booklet orders by independent midwives and parents, and their way through the order desk.

A midwife's order names her practice and states that she is an independent midwife (seed 000:
"Vermeld bij je bestelling steeds de naam van je praktijk en dat je zelfstandig vroedvrouw
bent"). A parent's order is for one child: the child slot of a pregnancy when the family is on
the platform, and always the keyed hash of the national number it was ordered with, so that a
second order for the same child is refused even for a family the platform does not follow.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..constants import OrderKind, OrderStatus, RefusalCode
from ..parameters import largest_value

# Seed 000: "maximaal 50 boekjes per keer", the dated parameter `booklets.orders.max_kindboekjes`
# (the service refuses by the day's value; the database holds the largest value ever in force).
MAX_KINDBOEKJES_PER_ORDER = largest_value("booklets.orders.max_kindboekjes")


class BookletOrder(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("ordered by"), max_length=12, choices=OrderKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=OrderStatus.choices, default=OrderStatus.SUBMITTED
    )
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="booklet_orders"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="booklet_orders",
    )
    practice_name = models.CharField(_("name of the practice"), max_length=200, blank=True)
    independent_midwife = models.BooleanField(_("I am an independent midwife"), default=False)
    kindboekjes = models.PositiveSmallIntegerField(_("Kindboekjes"), default=0)
    zwangerschapsboekjes = models.PositiveSmallIntegerField(_("Zwangerschapsboekjes"), default=0)
    opvolging_boekjes = models.PositiveSmallIntegerField(
        _("booklets 'Opvolging zwangerschap en geboorte'"), default=0
    )
    without_opvolging = models.BooleanField(
        _("without the booklet 'Opvolging zwangerschap en geboorte'"), default=False
    )
    remarks = models.TextField(_("remarks"), blank=True)
    # The six-month rule (seed 000): the need estimated at submission and the stock then.
    declared_births_six_months = models.PositiveIntegerField(
        _("births you expect to follow in the next six months"), null=True, blank=True
    )
    need_six_months = models.PositiveIntegerField(_("need over six months"), null=True)
    need_basis = models.CharField(_("need estimated from"), max_length=16, blank=True)
    stock_at_order = models.IntegerField(_("stock when ordered"), null=True)
    # A parent's order: for one child.
    subject_hash = models.CharField(max_length=64, blank=True, editable=False)
    child_order = models.PositiveSmallIntegerField(_("child"), default=1)
    pregnancy = models.ForeignKey(
        "pathways.Pregnancy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booklet_orders",
    )
    # Where to send it and the region it counts in.
    ship_to_name = models.CharField(_("name"), max_length=200)
    ship_to_street = models.CharField(_("street and number"), max_length=200)
    ship_to_postcode = models.CharField(_("postcode"), max_length=4)
    ship_to_municipality = models.CharField(_("municipality"), max_length=100)
    area_nis = models.CharField(_("province or region"), max_length=5)
    # The order desk.
    refusal_code = models.CharField(
        _("refusal code"), max_length=32, choices=RefusalCode.choices, blank=True
    )
    refusal_reason = models.TextField(_("reason of the refusal"), blank=True)
    exception_reason = models.TextField(_("reason of the exception"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("booklet order")
        verbose_name_plural = _("booklet orders")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kindboekjes__lte=MAX_KINDBOEKJES_PER_ORDER),
                name="order_at_most_50_kindboekjes",
            ),
            models.CheckConstraint(
                condition=Q(kindboekjes__gt=0) | Q(zwangerschapsboekjes__gt=0),
                name="order_not_empty",
            ),
            models.CheckConstraint(
                condition=~Q(kind=OrderKind.MIDWIFE)
                | Q(independent_midwife=True, organisation__isnull=False) & ~Q(practice_name=""),
                name="order_midwife_names_practice",
            ),
            models.CheckConstraint(
                condition=~Q(kind=OrderKind.PARENT)
                | Q(kindboekjes__lte=1) & (Q(kindboekjes=0) | ~Q(subject_hash="")),
                name="order_parent_one_per_child",
            ),
            models.CheckConstraint(
                condition=Q(status__in=OrderStatus.values), name="order_status_valid"
            ),
            # A parent orders at most one Kindboekje per child (a refused order does not count).
            models.UniqueConstraint(
                fields=["subject_hash", "child_order"],
                condition=Q(kind=OrderKind.PARENT, kindboekjes=1) & ~Q(status=OrderStatus.REFUSED),
                name="order_parent_once_per_child",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["organisation", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.kindboekjes} ({self.get_status_display()})"
