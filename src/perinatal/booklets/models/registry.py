"""The distribution registry: which Kindboekje was handed out to which child, by whom, when.

A booklet belongs to a child slot of a pregnancy: `child_order` 1 is the (first) expected child,
twins get slot 2 (the child with that birth order). While `voided_on` is empty a booklet is
valid; the database holds at most one valid booklet per slot, so two providers trying at the
same moment end with one booklet and one refusal.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..constants import Channel, RefusalCode, VoidReason


class Booklet(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pregnancy = models.ForeignKey(
        "pathways.Pregnancy", on_delete=models.PROTECT, related_name="booklets"
    )
    child_order = models.PositiveSmallIntegerField(_("child"), default=1)
    handed_out_on = models.DateField(_("handed out on"))
    channel = models.CharField(_("channel"), max_length=32, choices=Channel.choices)
    # The step of the procedure in force that the hand-out was (empty: an exception such as the
    # NICU, or a hand-out outside the provider's turn, which then carries its reason).
    step = models.PositiveSmallIntegerField(_("step of the procedure"), null=True, blank=True)
    in_turn = models.BooleanField(_("in the provider's turn"), default=True)
    out_of_turn_reason = models.TextField(_("reason outside the turn"), blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", null=True
    )
    handed_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Copied from the pregnancy so that monitoring counts per region without a join.
    area_nis = models.CharField(_("province or region"), max_length=5)
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    order = models.ForeignKey(
        "booklets.BookletOrder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="booklets",
    )
    voided_on = models.DateField(_("void since"), null=True, blank=True)
    void_reason = models.CharField(
        _("why void"), max_length=20, choices=VoidReason.choices, blank=True
    )
    void_note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Kindboekje")
        verbose_name_plural = _("Kindboekjes")
        ordering = ["handed_out_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pregnancy", "child_order"],
                condition=Q(voided_on__isnull=True),
                name="booklet_one_valid_per_child",
            ),
            models.CheckConstraint(condition=Q(child_order__gte=1), name="booklet_child_order"),
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="booklet_channel_valid"
            ),
            models.CheckConstraint(
                condition=Q(in_turn=True) | ~Q(out_of_turn_reason=""),
                name="booklet_out_of_turn_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(voided_on__isnull=True, void_reason="")
                | Q(voided_on__isnull=False) & ~Q(void_reason=""),
                name="booklet_void_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["handed_out_on", "area_nis"]),
            models.Index(fields=["organisation", "handed_out_on"]),
        ]
        permissions = [
            ("handle_orders", _("Can handle booklet orders at the order desk")),
            ("view_booklet_monitoring", _("Can see the monitoring of the Kindboekje procedure")),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.handed_out_on.isoformat()}"


class HandoutRefusal(models.Model):
    """A refused hand-out: what the registry prevented (counted by monitoring, no person)."""

    at = models.DateTimeField(auto_now_add=True)
    on = models.DateField(_("date"))
    code = models.CharField(_("code"), max_length=32, choices=RefusalCode.choices)
    channel = models.CharField(_("channel"), max_length=32, choices=Channel.choices)
    area_nis = models.CharField(_("province or region"), max_length=5)
    pregnancy = models.ForeignKey(
        "pathways.Pregnancy", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("refused hand-out")
        verbose_name_plural = _("refused hand-outs")
        indexes = [models.Index(fields=["on", "code"])]

    def __str__(self) -> str:
        return f"{self.code} {self.on.isoformat()}"
