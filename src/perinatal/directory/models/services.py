"""HSDS `service` and what hangs off it: languages, cost options, phones, contacts, schedules."""

import uuid
from typing import TYPE_CHECKING, ClassVar, Self

from phonenumber_field.modelfields import PhoneNumberField

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import CostCategory, ServiceStatus
from .organizations import Organization
from .taxonomy import TaxonomyTerm

if TYPE_CHECKING:
    from modeltranslation.manager import MultilingualManager


class Service(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.SlugField(_("key"), max_length=100, unique=True, null=True, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="services",
    )
    name = models.CharField(_("name"), max_length=300)
    alternate_name = models.CharField(_("alternate name"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    eligibility_description = models.TextField(_("access conditions"), blank=True)
    fees_description = models.TextField(_("costs"), blank=True)
    application_process = models.TextField(_("how to apply"), blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=32, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    cost_category = models.CharField(
        _("cost"), max_length=16, choices=CostCategory.choices, default=CostCategory.VARIES
    )
    prescription_required = models.BooleanField(_("prescription needed"), null=True, blank=True)
    referral_required = models.BooleanField(_("referral needed"), null=True, blank=True)
    # Trainings, tools and guides for professionals: in the directory, never a referral
    # target for a family (decision 0031).
    for_professionals = models.BooleanField(
        _("only for professionals"),
        default=False,
        help_text=_("A training, tool or guide for care providers, not a service for families."),
    )
    programme_1000_days = models.BooleanField(
        _("takes part in the first-1000-days programme"), default=False
    )
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    phases = models.ManyToManyField(
        TaxonomyTerm,
        verbose_name=_("phases"),
        blank=True,
        related_name="services_in_phase",
        limit_choices_to={"taxonomy": TaxonomyTerm.PHASE},
    )
    needs = models.ManyToManyField(
        TaxonomyTerm,
        verbose_name=_("needs"),
        blank=True,
        related_name="services_for_need",
        limit_choices_to={"taxonomy": TaxonomyTerm.NEED},
    )
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    verified_by = models.CharField(_("verified by"), max_length=150, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    source_page = models.PositiveSmallIntegerField(_("page in the source"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    if TYPE_CHECKING:
        # Set at runtime by django-modeltranslation (translation.py): its manager and a
        # column per language for each translated field.
        objects: ClassVar[MultilingualManager[Self]]
        name_nl: str | None
        name_fr: str | None
        name_en: str | None
        alternate_name_nl: str | None
        alternate_name_fr: str | None
        alternate_name_en: str | None
        description_nl: str | None
        description_fr: str | None
        description_en: str | None
        eligibility_description_nl: str | None
        eligibility_description_fr: str | None
        eligibility_description_en: str | None
        fees_description_nl: str | None
        fees_description_fr: str | None
        fees_description_en: str | None
        application_process_nl: str | None
        application_process_fr: str | None
        application_process_en: str | None

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cost_category__in=CostCategory.values),
                name="service_cost_category_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ServiceStatus.values), name="service_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(minimum_age__lte=models.F("maximum_age")),
                name="service_age_range_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.name_nl or self.name_fr or str(self.id)


class ServiceLanguage(models.Model):
    """HSDS `language`: a language the service is offered in."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language code"), max_length=3)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["service", "code"]
        constraints = [
            models.UniqueConstraint(fields=["service", "code"], name="service_language_unique"),
        ]

    def __str__(self) -> str:
        return self.code


class CostOption(models.Model):
    """HSDS `cost_option`: an amount the source gives for the service."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(_("option"), max_length=300, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=9, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    amount_description = models.CharField(_("amount description"), max_length=300, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    if TYPE_CHECKING:
        # Set at runtime by django-modeltranslation (translation.py): its manager and a
        # column per language for each translated field.
        objects: ClassVar[MultilingualManager[Self]]
        option_nl: str | None
        option_fr: str | None
        option_en: str | None
        amount_description_nl: str | None
        amount_description_fr: str | None
        amount_description_en: str | None

    class Meta:
        ordering = ["service", "amount"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="cost_option_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} {self.option}"


def _one_owner(*owners: str) -> models.Q:
    """Exactly one of these foreign keys is set."""
    result = models.Q()
    for owner in owners:
        result |= models.Q(
            **{f"{name}__isnull": name != owner for name in owners},
        )
    return result


class Phone(models.Model):
    """HSDS `phone`, attached to exactly one organisation, service, location or contact.

    The number is stored in E.164 ("+3222167944"), or as dialled for a Belgian short number
    ("1733"); see `directory.phones`. A number found unreadable when the directory moved to
    E.164 was kept as it was written, with `needs_check` set for the editors.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    location = models.ForeignKey(
        "directory.Location", null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    contact = models.ForeignKey(
        "directory.Contact", null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    number = PhoneNumberField(_("number"), max_length=40)
    type = models.CharField(_("type"), max_length=20, default="voice")
    description = models.CharField(_("description"), max_length=200, blank=True)
    needs_check = models.BooleanField(
        _("to be checked"),
        default=False,
        help_text=_("The number could not be read as a phone number; an editor should check it."),
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=_one_owner("organization", "service", "location", "contact"),
                name="phone_has_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return str(self.number)


class Contact(models.Model):
    """HSDS `contact`: a named desk or role (never a private person's data)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    def __str__(self) -> str:
        return self.name or self.department or self.email


class Schedule(models.Model):
    """HSDS `schedule`: opening hours, kept as a description and optional weekly hours."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    location = models.ForeignKey(
        "directory.Location",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedules",
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    freq = models.CharField(max_length=10, blank=True)
    byday = models.CharField(max_length=40, blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)

    if TYPE_CHECKING:
        # Set at runtime by django-modeltranslation (translation.py): its manager and a
        # column per language for each translated field.
        objects: ClassVar[MultilingualManager[Self]]
        description_nl: str | None
        description_fr: str | None
        description_en: str | None

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True)
                | models.Q(closes_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="schedule_closes_after_opens",
            ),
        ]

    def __str__(self) -> str:
        return self.description or f"{self.byday} {self.opens_at}-{self.closes_at}"
