"""Users belong to an organisation and have one role."""

import uuid
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import TWO_FACTOR_ROLES, OrganisationKind, Profession, Role


class Organisation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    recognition_number = models.CharField(_("recognition number"), max_length=40, blank=True)
    is_demo = models.BooleanField(default=False, editable=False)
    # Takes part in the first-1000-days programme: may record its billable services.
    programme_participant = models.BooleanField(
        _("takes part in the first-1000-days programme"), default=False
    )
    # The directory entry this organisation answers for (referrals to its services reach it).
    directory_organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("directory entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="platform_organisations",
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.PARENT)
    preferred_language = models.CharField(_("preferred language"), max_length=2, default="nl")
    # The person's profession (not the organisation's kind) and whether they apply the agreed
    # tariffs of the health insurance: the programme's rules check both (docs/decisions/0025).
    profession = models.CharField(
        _("profession"), max_length=32, choices=Profession.choices, blank=True, default=""
    )
    conventioned = models.BooleanField(
        _("conventioned"),
        default=False,
        help_text=_(
            "A provider under the health insurance who applies the agreed tariffs "
            "(geconventioneerd / conventionné)."
        ),
    )
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(profession__in=Profession.values), name="user_profession_valid"
            ),
            # A professional always acts for an organisation; a parent never does.
            models.CheckConstraint(
                condition=models.Q(role=Role.PARENT, organisation__isnull=True)
                | (~models.Q(role=Role.PARENT) & models.Q(organisation__isnull=False))
                | models.Q(is_superuser=True),
                name="user_organisation_matches_role",
            ),
        ]

    @property
    def requires_two_factor(self) -> bool:
        return self.is_superuser or self.is_staff or self.role in TWO_FACTOR_ROLES

    def has_role(self, *roles: str) -> bool:
        return self.is_active and (self.role in roles or self.is_superuser)

    if TYPE_CHECKING:

        def is_verified(self) -> bool:
            """Whether this session passed the second factor: set on `request.user` by
            django-otp's OTPMiddleware (not a model method)."""
            ...


class ApiToken(models.Model):
    """A personal access token for the API (`Authorization: Bearer <token>`).

    Only a SHA-256 digest of the token is stored, with its first characters (`prefix`) so the
    owner can recognise it; the token itself is shown once, when it is made. A token acts
    for its user, expires, and can be revoked (see `accounts.tokens`)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="api_token_has_name"),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="api_token_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
