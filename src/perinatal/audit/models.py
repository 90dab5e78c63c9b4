"""The audit trail: the change log (who changed what, from which value to which) and the
access log of personal data (who read, searched, exported or changed whose record, why, and
on which basis — in the style of NEN 7513).

Both are insert-only: the database itself refuses UPDATE and DELETE on their tables
(triggers in the migrations), so they cannot be rewritten through the application.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("updated")
    DELETE = "delete", _("deleted")
    VERIFY = "verify", _("verified")


class ActorSnapshot(models.Model):
    """Who acted: the account, and copies of its name, role and organisation so that a log
    row stays readable when the account changes or is removed."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    actor_username = models.CharField(_("user"), max_length=150, blank=True)
    actor_role = models.CharField(_("role"), max_length=32, blank=True)
    actor_organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
        abstract = True


class ChangeEvent(ActorSnapshot):
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=16, choices=ChangeAction.choices)
    object_type = models.CharField(_("object type"), max_length=64, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)  # {field: [old, new]}
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("change event")
        verbose_name_plural = _("change events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=ChangeAction.values), name="change_action_valid"
            )
        ]

    def __str__(self) -> str:
        who = self.actor_username or "-"
        return (
            f"{self.at:%Y-%m-%d %H:%M:%S} {who} {self.action} {self.object_type}:{self.object_id}"
        )


class AccessAction(models.TextChoices):
    CREATE = "create", _("create")
    READ = "read", _("read")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")
    SEARCH = "search", _("search")
    EXPORT = "export", _("export")
    PRINT = "print", _("print")


class AccessBasis(models.TextChoices):
    """Why the actor may see the record at all."""

    CARE_TEAM = "care_team", _("member of the care team")
    CONSENT = "consent", _("consent of the family")
    BREAK_THE_GLASS = "break_the_glass", _("emergency access (break the glass)")
    OWN_RECORD = "own_record", _("the family's own record")
    AUDIT = "audit", _("audit of the access log")
    REFERRAL = "referral", _("a referral addressed to the organisation")
    RETENTION = "retention", _("retention and requests of the family (administrator)")
    BOOKLET = "booklet", _("asking whether the family has a Kindboekje, or handing one out")
    LOOKUP = "lookup", _("a lookup by national number, outside the care team")
    NONE = "none", _("none (the access was refused)")


class AccessOutcome(models.TextChoices):
    GRANTED = "granted", _("granted")
    REFUSED = "refused", _("refused")


class RefusalReason(models.TextChoices):
    """Why an access was refused (decision 0033)."""

    ROLE_NEVER_ALLOWED = "role_never_allowed", _("the role never sees family records")
    ROLE_NOT_ALLOWED = "role_not_allowed", _("the role may not do this")
    SECOND_FACTOR_MISSING = "second_factor_missing", _("the second factor was not confirmed")
    NOT_IN_CARE_TEAM = "not_in_care_team", _("not in the family's care team")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("the family does not consent to share the record")
    WRONG_ORGANISATION = "wrong_organisation", _("the record is another organisation's or person's")
    RECORD_CLOSED = "record_closed", _("the record is closed")
    TOO_MANY_LOOKUPS = "too_many_lookups", _("too many lookups")


class AccessEvent(ActorSnapshot):
    """One access to personal data: who, for whom, which record, what, why, on which basis."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    on_behalf_of = models.CharField(_("on behalf of"), max_length=200, blank=True)
    # The person or family whose data it is: a pseudonymous id, never a national number.
    subject = models.CharField(_("whose record"), max_length=64, db_index=True, blank=True)
    record_type = models.CharField(_("record type"), max_length=64)
    record_id = models.CharField(_("record"), max_length=64, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=AccessAction.choices)
    purpose = models.CharField(_("purpose"), max_length=100)
    basis = models.CharField(_("basis"), max_length=20, choices=AccessBasis.choices)
    reason = models.TextField(_("reason"), blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=8, choices=AccessOutcome.choices, default=AccessOutcome.GRANTED
    )
    refusal = models.CharField(
        _("reason refused"), max_length=32, choices=RefusalReason.choices, blank=True
    )
    request_id = models.CharField(_("request"), max_length=64, blank=True)
    client_address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("access event")
        verbose_name_plural = _("access events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["actor_username", "-at"], name="access_by_actor")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=AccessAction.values), name="access_action_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(basis__in=AccessBasis.values), name="access_basis_valid"
            ),
            # Emergency access always carries its written reason.
            models.CheckConstraint(
                condition=~models.Q(basis=AccessBasis.BREAK_THE_GLASS) | ~models.Q(reason=""),
                name="access_break_the_glass_has_reason",
            ),
            # A refused access names why; a granted one has no refusal reason.
            models.CheckConstraint(
                condition=(
                    models.Q(outcome=AccessOutcome.GRANTED, refusal="")
                    | models.Q(outcome=AccessOutcome.REFUSED, refusal__in=RefusalReason.values)
                ),
                name="access_refusal_reason_iff_refused",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_username} {self.action} {self.record_type}"
