"""A parent's link to their family's record.

A parent (a user with the role `parent`) sees a family only through an active link: one
per parent and family at a time (a database constraint), both parents may be linked, and a
link ends (by the parent or the care team) rather than being deleted, so the access log and
the record of who was linked when stay whole.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
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
