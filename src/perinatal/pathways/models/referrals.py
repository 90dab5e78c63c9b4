"""Referrals from a family to a service of the directory, with the answer that closes the
loop (sent → accepted or declined → completed); to a service outside the platform, the
outcome its referrer records (to contact → contacted → accepted, declined or unreachable)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..constants import REFERRAL_OFF_PLATFORM, ReferralStatus
from .families import Pregnancy


class Referral(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pregnancy = models.ForeignKey(Pregnancy, on_delete=models.CASCADE, related_name="referrals")
    service = models.ForeignKey(
        "directory.Service", verbose_name=_("service"), on_delete=models.PROTECT, related_name="+"
    )
    # The platform organisation that answers for the service (if it uses the platform).
    to_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_received",
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    answer_note = models.TextField(_("answer"), blank=True)
    from_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="referrals_sent"
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["to_organisation", "status"]),
            # The referrals an organisation sent, oldest first (the home page's open ones).
            models.Index(
                fields=["from_organisation", "created_at", "id"], name="referral_sent_order"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReferralStatus.values), name="referral_status_valid"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="referral_has_reason"),
            # "sent" only where someone receives it; the off-platform statuses only where
            # nobody on the platform does (decision 0031).
            models.CheckConstraint(
                condition=Q(status=ReferralStatus.SENT, to_organisation__isnull=False)
                | Q(status__in=REFERRAL_OFF_PLATFORM, to_organisation__isnull=True)
                | ~Q(status__in=[ReferralStatus.SENT, *REFERRAL_OFF_PLATFORM]),
                name="referral_status_matches_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} {self.status}"
