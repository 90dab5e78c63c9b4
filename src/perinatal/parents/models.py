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
