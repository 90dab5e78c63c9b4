"""Users belong to an organisation and have one role."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import TWO_FACTOR_ROLES, OrganisationKind, Role


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
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_valid"
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
