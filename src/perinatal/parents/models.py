"""A parent's link to their family's record.

A parent (a user with the role `parent`) sees a family only through an active link: one
per parent and family at a time (a database constraint), both parents may be linked, and a
link ends (by the parent or the care team) rather than being deleted, so the access log and
the record of who was linked when stay whole.
"""

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
