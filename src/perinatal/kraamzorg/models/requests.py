"""A request for kraamzorg: from the parents (the public form) or from a professional who
follows the family (a referral, with its reason), addressed to one service.

It holds what the intake needs — the due date or birth date, where the family lives, the
household, the income band (for the social tariff), languages, the help wanted — and whether
the family is vulnerable (scenario B of the screening, or marked by the referrer with a
reason). `family_key` identifies the family across requests (the pregnancy when the family is
on the platform, otherwise a keyed hash of what the parents gave), so that a family has at
most one open request per service.
"""

import uuid
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ..constants import OPEN_STATUSES, RefusalReason, RequestSource, RequestStatus, Vulnerability


class KraamzorgRequest(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    offer = models.ForeignKey(
        "kraamzorg.KraamzorgOffer",
        verbose_name=_("kraamzorg service"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )
    source = models.CharField(_("asked by"), max_length=24, choices=RequestSource.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kraamzorg_requests",
    )
    referrer_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kraamzorg_referrals",
    )
    referral_reason = models.TextField(_("reason for the referral"), blank=True)
    pregnancy = models.ForeignKey(
        "pathways.Pregnancy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kraamzorg_requests",
    )
    family_key = models.CharField(max_length=64, editable=False)
    # The parents' own contact details (a request from the public form).
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    # The language of the page the request was made on: the e-mails to an address without an
    # account are written in it (docs/decisions/0030-notifications.md).
    contact_language = models.CharField(_("language"), max_length=2, blank=True)
    due_date = models.DateField(_("expected due date"), null=True, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4)
    municipality = models.CharField(_("municipality"), max_length=100)
    area_nis = models.CharField(_("province or region"), max_length=5, db_index=True)
    adults = models.PositiveSmallIntegerField(_("adults in the household"), default=1)
    children = models.PositiveSmallIntegerField(_("children in the household"), default=0)
    income_band = models.CharField(_("income band"), max_length=16)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    help_wanted = models.JSONField(_("help wanted"), default=list, blank=True)
    vulnerability = models.CharField(
        _("vulnerable family"), max_length=12, choices=Vulnerability.choices, blank=True
    )
    vulnerability_reason = models.TextField(_("why vulnerable"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    # The intake's answer.
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_hours = models.DecimalField(
        _("planned hours"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    refusal_reason = models.CharField(
        _("refused because"), max_length=16, choices=RefusalReason.choices, blank=True
    )
    refusal_note = models.TextField(_("note"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # The period of care in the family's care team (docs/decisions/0028-care-network.md): the
    # maternity-care assistant (a user of the service) and the membership the acceptance made.
    assistant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("maternity-care assistant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    team_member = models.ForeignKey(
        "pathways.CareTeamMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    pseudonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("kraamzorg request")
        verbose_name_plural = _("kraamzorg requests")
        ordering = ["due_date", "birth_date", "submitted_at"]
        constraints = [
            # A family has at most one open request per service.
            models.UniqueConstraint(
                fields=["family_key", "offer"],
                condition=Q(status__in=OPEN_STATUSES),
                name="kraamzorg_one_open_request_per_service",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values), name="kraamzorg_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(due_date__isnull=False) | Q(birth_date__isnull=False),
                name="kraamzorg_due_or_birth_date",
            ),
            models.CheckConstraint(
                condition=Q(source=RequestSource.PARENT) | ~Q(referral_reason=""),
                name="kraamzorg_referral_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(vulnerability=Vulnerability.REFERRER) | ~Q(vulnerability_reason=""),
                name="kraamzorg_vulnerability_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.REFUSED) | ~Q(refusal_reason=""),
                name="kraamzorg_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.ACCEPTED)
                | Q(planned_start__isnull=False, planned_hours__isnull=False),
                name="kraamzorg_accepted_is_planned",
            ),
        ]
        indexes = [
            # The intake queue: a service's open requests in the queue's whole order
            # (selectors.QUEUE_ORDER), so any page is one range of it (keyset, no sort).
            models.Index(
                "offer",
                Coalesce("birth_date", "due_date"),
                F("vulnerability").desc(),
                "submitted_at",
                "id",
                name="kraamzorg_open_queue_order",
                condition=Q(status__in=OPEN_STATUSES),
            ),
            models.Index(fields=["offer", "status", "due_date"]),
            models.Index(fields=["submitted_at", "area_nis"]),
        ]

    def __str__(self) -> str:
        return f"{self.offer} — {self.get_status_display()}"

    @property
    def reference(self) -> str:
        """The number a parent quotes when calling the service: the first eight hexadecimal
        digits of the random public id, "KZ-" before them."""
        return f"KZ-{self.public_id.hex[:8].upper()}"

    @property
    def expected_date(self):
        """The date the intake orders by: the birth when known, else the due date."""
        return self.birth_date or self.due_date

    @property
    def in_pregnancy(self) -> bool:
        """Asked before the birth (seed 002: "De hulp moet aangevraagd worden vanaf de
        zwangerschap")."""
        submitted = self.submitted_at.date() if self.submitted_at else None
        return self.birth_date is None or (submitted is not None and submitted < self.birth_date)

    if TYPE_CHECKING:
        total_hours: Decimal
        """The sum of the visits' hours: set by `services.care.request_close` on the request it
        returns (not a column)."""
