"""Who may see a family's record: the care team, the family's consent to share within it,
and the audited, time-limited emergency access ("break the glass")."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .families import Pregnancy


class CareTeamMember(models.Model):
    """An organisation in the care team, optionally one named professional of it. While
    `ended_at` is empty the organisation's professionals may see the record."""

    pregnancy = models.ForeignKey(Pregnancy, on_delete=models.CASCADE, related_name="team")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="care_teams",
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("professional"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    task = models.CharField(_("task in the team"), max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # The family's own choice for this organisation (decision 0037): empty follows the
    # family-wide consent (`Pregnancy.consent_to_share`); True or False overrides it. Kept on
    # a new membership of the same organisation (copied from the last `Consent` row for it).
    sharing = models.BooleanField(_("shared by the family's own choice"), null=True, blank=True)

    class Meta:
        verbose_name = _("care team member")
        verbose_name_plural = _("care team members")
        ordering = ["added_at", "id"]
        constraints = [
            # An organisation is in a family's team at most once at a time.
            models.UniqueConstraint(
                fields=["pregnancy", "organisation"],
                condition=Q(ended_at__isnull=True),
                name="care_team_member_once",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Consent(models.Model):
    """The family's word on sharing the record within the care team (every change kept):
    for the whole team (no `organisation`), or for one organisation of it (decision 0037)."""

    pregnancy = models.ForeignKey(Pregnancy, on_delete=models.CASCADE, related_name="consents")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    given = models.BooleanField(_("consent given"))
    note = models.TextField(_("how it was given or withdrawn"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-recorded_at", "-id"]
        indexes = [
            models.Index(
                fields=["pregnancy", "organisation", "-recorded_at"],
                name="consent_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recorded_at:%Y-%m-%d} {self.given}"


class EmergencyAccess(models.Model):
    """Break the glass: a professional outside the team reads the record for a limited time,
    with a written reason; every use is in the access log."""

    pregnancy = models.ForeignKey(
        Pregnancy, on_delete=models.CASCADE, related_name="emergency_accesses"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    granted_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("until"))

    class Meta:
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        indexes = [models.Index(fields=["pregnancy", "user", "expires_at"])]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="emergency_access_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} until {self.expires_at:%Y-%m-%d %H:%M}"
