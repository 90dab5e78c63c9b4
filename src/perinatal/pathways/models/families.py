"""People, pregnancies, births and children, and the contacts on a family's timeline.

A national number is never stored in clear: `national_number_hash` (a keyed hash, the key
outside the database) finds a person, `national_number_encrypted` keeps a copy a professional
may need to see. Without a number, `no_national_number` says why. Identifiers in URLs are
the random `public_id`s.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..constants import BirthPlace, ContactKind, NoNationalNumber, PregnancyStatus, Sex


class IdentifiedPerson(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    national_number_hash = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )
    national_number_encrypted = models.TextField(blank=True, editable=False)
    no_national_number = models.CharField(
        _("no national number because"),
        max_length=24,
        blank=True,
        choices=NoNationalNumber.choices,
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.full_name or str(self.public_id)[:8]

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class Person(IdentifiedPerson):
    """A mother or a partner."""

    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints = [
            # A number, or the reason there is none (pseudonymised records keep neither).
            models.CheckConstraint(
                condition=Q(national_number_hash__isnull=False, no_national_number="")
                | Q(national_number_hash__isnull=True),
                name="person_number_or_reason",
            ),
        ]


class Pregnancy(models.Model):
    """The anchor of a family's pathway through the first 1000 days."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mother = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="pregnancies")
    partner = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="partner_pregnancies"
    )
    postcode = models.CharField(_("postcode"), max_length=4)
    municipality = models.CharField(_("municipality"), max_length=100)
    area_nis = models.CharField(_("province or region"), max_length=5, db_index=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    due_date = models.DateField(_("expected due date"), db_index=True)
    registered_on = models.DateField(_("registered on"))
    status = models.CharField(
        _("status"), max_length=12, choices=PregnancyStatus.choices, default=PregnancyStatus.ONGOING
    )
    lead_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    consent_to_share = models.BooleanField(
        _("consent to share within the care team"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    pseudonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("pregnancy")
        verbose_name_plural = _("pregnancies")
        indexes = [
            # A lead organisation's families by expected date (the home page's sections).
            models.Index(fields=["lead_organisation", "due_date", "id"], name="pregnancy_lead_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PregnancyStatus.values), name="pregnancy_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mother} ({self.due_date.isoformat()})"


class Birth(models.Model):
    pregnancy = models.OneToOneField(Pregnancy, on_delete=models.CASCADE, related_name="birth")
    date = models.DateField(_("date of birth"), db_index=True)
    place = models.CharField(_("place of birth"), max_length=16, choices=BirthPlace.choices)
    place_name = models.CharField(_("hospital or place"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("birth")
        verbose_name_plural = _("births")

    def __str__(self) -> str:
        return self.date.isoformat()


class Child(IdentifiedPerson):
    birth = models.ForeignKey(Birth, on_delete=models.CASCADE, related_name="children")
    birth_order = models.PositiveSmallIntegerField(_("birth order"), default=1)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    nicu_admission = models.BooleanField(
        _("admitted to neonatal intensive care (NICU)"), default=False
    )
    nicu_days = models.PositiveSmallIntegerField(_("days in NICU"), null=True, blank=True)

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["birth_order"]
        constraints = [
            models.UniqueConstraint(fields=["birth", "birth_order"], name="child_order_unique"),
        ]


class Contact(models.Model):
    """A contact with the family, as it shows on the timeline."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pregnancy = models.ForeignKey(Pregnancy, on_delete=models.CASCADE, related_name="contacts")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind of contact"), max_length=20, choices=ContactKind.choices)
    note = models.TextField(_("note"), blank=True)
    # The note is the team's internal note unless the professional chose to show it to the
    # family (wet patiëntenrechten art. 9 §2: personal notes are not part of what the
    # patient consults; docs/decisions/0036-my-first-1000-days.md).
    share_with_family = models.BooleanField(_("show this note to the family"), default=False)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["pregnancy", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date.isoformat()}"
