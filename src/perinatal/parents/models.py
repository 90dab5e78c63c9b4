"""A parent's link to their family's record.

A parent (a user with the role `parent`) sees a family only through an active link: one
per parent and family at a time (a database constraint), both parents may be linked, and a
link ends (by the parent or the care team) rather than being deleted, so the access log and
the record of who was linked when stay whole. The parent links with a one-time code the care
team gives (`LinkCode`, only its keyed hash stored; docs/decisions/0035-linking-a-parent.md).
"""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ParentLink(models.Model):
    pregnancy = models.ForeignKey(
        "pathways.Pregnancy",
        verbose_name=_("family"),
        on_delete=models.CASCADE,
        related_name="parent_links",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("parent"),
        on_delete=models.CASCADE,
        related_name="parent_links",
    )
    linked_at = models.DateTimeField(_("linked on"), auto_now_add=True)
    ended_at = models.DateTimeField(_("unlinked on"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("unlinked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("parent's link to a family")
        verbose_name_plural = _("parents' links to families")
        ordering = ["linked_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pregnancy", "user"],
                condition=Q(ended_at__isnull=True),
                name="parent_link_once",
            ),
        ]
        indexes = [models.Index(fields=["user", "ended_at"], name="parent_link_user_active")]

    def __str__(self) -> str:
        return f"{self.user} → {self.pregnancy_id}"


class CorrectionRequest(models.Model):
    """A parent's request to correct their family's record (GDPR article 16): what is wrong
    and what it should be. It goes to the care team's home page as a task; a professional of
    the team answers it and marks it handled (then the parent is told). The answer and the
    handling come together (a database constraint)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pregnancy = models.ForeignKey(
        "pathways.Pregnancy",
        verbose_name=_("family"),
        on_delete=models.CASCADE,
        related_name="correction_requests",
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField(_("what is wrong"), max_length=2000)
    should_be = models.TextField(_("what it should be"), max_length=2000, blank=True)
    asked_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled on"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answer = models.TextField(_("answer"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("request for a correction")
        verbose_name_plural = _("requests for a correction")
        ordering = ["-asked_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(handled_at__isnull=True) & Q(answer=""))
                | (Q(handled_at__isnull=False) & ~Q(answer="")),
                name="correction_handled_with_answer",
            ),
        ]
        indexes = [
            models.Index(fields=["pregnancy", "handled_at"], name="correction_open_per_family")
        ]

    def __str__(self) -> str:
        return f"correction {self.public_id}"


class LinkCode(models.Model):
    """A one-time code the care team gives a parent to link to the family's record.

    Only a keyed hash of the code is stored (`parents/linking.py`); the code is shown once,
    to the professional who made it. A code is used once (`used_at`, `used_by`), expires
    (`expires_at`) and is locked for good after too many wrong dates of birth (`locked_at`);
    the rules and their parameters: docs/decisions/0035-linking-a-parent.md.
    """

    pregnancy = models.ForeignKey(
        "pathways.Pregnancy",
        verbose_name=_("family"),
        on_delete=models.CASCADE,
        related_name="link_codes",
    )
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("given on"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    failed_attempts = models.PositiveSmallIntegerField(_("wrong tries"), default=0)
    locked_at = models.DateTimeField(_("locked on"), null=True, blank=True)
    used_at = models.DateTimeField(_("used on"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("used by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("code to link a parent")
        verbose_name_plural = _("codes to link a parent")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")), name="link_code_expires_later"
            ),
            # Whoever used a code used it at some time (the account may be removed later).
            models.CheckConstraint(
                condition=Q(used_by__isnull=True) | Q(used_at__isnull=False),
                name="link_code_used_by_has_time",
            ),
            # A locked code was never used, and was locked by wrong tries.
            models.CheckConstraint(
                condition=Q(locked_at__isnull=True)
                | Q(used_at__isnull=True, failed_attempts__gt=0),
                name="link_code_locked_unused",
            ),
        ]
        indexes = [models.Index(fields=["pregnancy", "-created_at"], name="link_code_family")]

    def __str__(self) -> str:
        return f"{self.pregnancy_id} ({self.created_at:%Y-%m-%d})"

    @property
    def last_day(self) -> date:
        """The last day the code can be used (it expires at the start of the next one)."""
        return timezone.localdate(self.expires_at - timedelta(microseconds=1))


class AccessQuestion(models.Model):
    """A parent's question to the data protection contact about one row of their family's
    access log ("who looked at my record", decision 0037). Administrators see the open ones
    on their home page and answer them; the parent sees the status and the answer."""

    pregnancy = models.ForeignKey(
        "pathways.Pregnancy",
        verbose_name=_("family"),
        on_delete=models.CASCADE,
        related_name="access_questions",
    )
    access_event = models.ForeignKey(
        "audit.AccessEvent",
        verbose_name=_("access"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField(_("question"))
    asked_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("question about an access")
        verbose_name_plural = _("questions about accesses")
        ordering = ["-asked_at", "-id"]
        indexes = [models.Index(fields=["answered_at", "asked_at"], name="access_question_open")]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="access_question_has_text"),
            # answered: both the answer and its time, or neither
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True, answer="")
                | (Q(answered_at__isnull=False) & ~Q(answer="")),
                name="access_question_answer_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pregnancy_id} #{self.access_event_id}"
