"""A notification in a user's inbox and a user's choice of which kinds also come by e-mail.

A notification stores the kind, the message as its msgid with its parameters (rendered in
the reader's language when read, never stored rendered), the object it is about (its model
and primary key, for the idempotency of late deadlines) and the page where it is handled (a
URL name and its arguments, reversed in the reader's language). Its parameters never hold
health data (docs/decisions/0030-notifications.md)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=48)
    message = models.CharField(max_length=300)
    params = models.JSONField(default=dict, blank=True)
    about_type = models.CharField(max_length=64)
    about_id = models.CharField(max_length=64)
    link_name = models.CharField(max_length=100)
    link_args = models.JSONField(default=list, blank=True)
    # Set for a notification that must exist once (a late deadline): the database refuses a
    # second row for the same recipient and key.
    once_key = models.CharField(max_length=150, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "once_key"],
                condition=Q(once_key__isnull=False),
                name="notification_once_per_recipient",
            ),
        ]
        indexes = [
            # The menu's unread count: one index-only count per page.
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"
            ),
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"


class EmailPreference(models.Model):
    """A user's choice for one kind; without a row the kind's default holds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    kind = models.CharField(_("kind"), max_length=48)
    by_email = models.BooleanField(_("by e-mail"))

    class Meta:
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="email_preference_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.by_email}"
