"""Hand-overs between the care actors around a family: a hospital's discharge with its
transfer to the first line (within 24 hours, seed 002), and an outreach contact's proposal
of a screening to a provider of the programme (seed 002's outreach function). Each is also a
contact on the family's timeline. The rules are in `pathways.handover_rules`; the writes in
`pathways.services.discharges` and `pathways.services.outreach`."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ..constants import ProposalStatus
from .families import Contact, Pregnancy


class HospitalDischarge(models.Model):
    """A discharge from hospital and the transfer of its data to a first-line organisation.
    `deadline_at` is fixed when the discharge is recorded (the rule in force that day);
    `transferred_at` stays empty until the hospital records the transfer."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pregnancy = models.ForeignKey(Pregnancy, on_delete=models.CASCADE, related_name="discharges")
    contact = models.OneToOneField(
        Contact, on_delete=models.CASCADE, related_name="discharge", editable=False
    )
    hospital = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("hospital"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("transferred to"),
        on_delete=models.PROTECT,
        related_name="discharges_received",
    )
    discharged_at = models.DateTimeField(_("discharged at"))
    deadline_at = models.DateTimeField(_("transfer due by"), null=True, blank=True)
    transferred_at = models.DateTimeField(_("transferred at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    transfer_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hospital discharge")
        verbose_name_plural = _("hospital discharges")
        ordering = ["-discharged_at", "-id"]
        indexes = [models.Index(fields=["to_organisation", "deadline_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline_at__isnull=True) | Q(deadline_at__gt=F("discharged_at")),
                name="discharge_deadline_after_discharge",
            ),
            models.CheckConstraint(
                condition=Q(transferred_at__isnull=True)
                | Q(transferred_at__gte=F("discharged_at")),
                name="discharge_transfer_not_before_discharge",
            ),
            models.CheckConstraint(
                condition=~Q(hospital=F("to_organisation")),
                name="discharge_transferred_elsewhere",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.discharged_at:%Y-%m-%d %H:%M} → {self.to_organisation_id}"


class ScreeningProposal(models.Model):
    """An outreach contact proposes a screening to a provider taking part in the programme;
    the provider accepts (and screens in the usual flow) or declines with a reason."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pregnancy = models.ForeignKey(
        Pregnancy, on_delete=models.CASCADE, related_name="screening_proposals"
    )
    contact = models.OneToOneField(
        Contact, on_delete=models.CASCADE, related_name="screening_proposal", editable=False
    )
    from_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    to_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="screening_proposals_received",
    )
    note = models.TextField(_("note to the provider"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    answer_reason = models.TextField(_("reason for declining"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("screening proposal")
        verbose_name_plural = _("screening proposals")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["to_organisation", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ProposalStatus.values), name="screening_proposal_status"
            ),
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.DECLINED) | ~Q(answer_reason=""),
                name="screening_proposal_declined_has_reason",
            ),
            # One open proposal per family and provider: a second waits for the first answer.
            models.UniqueConstraint(
                fields=["pregnancy", "to_organisation"],
                condition=Q(status=ProposalStatus.PROPOSED),
                name="screening_proposal_open_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.to_organisation_id} {self.status}"
