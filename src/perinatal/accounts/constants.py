"""Roles of users and kinds of organisations (see docs/glossary.md for the Belgian terms)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARENT = "parent", _("Parent or public")
    KG_PROFESSIONAL = "kg_professional", _("Kind en Gezin professional")
    INDEPENDENT_MIDWIFE = "independent_midwife", _("Independent midwife")
    HOSPITAL = "hospital", _("Hospital professional")
    PROGRAMME_PROVIDER = "programme_provider", _("First-1000-days programme provider")
    KRAAMZORG_SERVICE = "kraamzorg_service", _("Kraamzorg service")
    DIRECTORY_EDITOR = "directory_editor", _("Directory editor")
    ANALYST = "analyst", _("Analyst")
    ADMINISTRATOR = "administrator", _("Administrator")


class Profession(models.TextChoices):
    """What a person is trained and registered as: professions belong to people, not to
    organisations (a Kind en Gezin team has nurses and social workers). The programme's rules
    read it to decide who may deliver each service (seed 002; docs/decisions/0025)."""

    NONE = "", _("Other or none")
    GP = "gp", _("General practitioner")
    GYNAECOLOGIST = "gynaecologist", _("Gynaecologist")
    MIDWIFE = "midwife", _("Midwife")
    NURSE = "nurse", _("Nurse")
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    CARE_COORDINATOR = "care_coordinator", _("Care coordinator")
    MATERNITY_CARE_ASSISTANT = "maternity_care_assistant", _("Maternity-care assistant")


# Every role but the public one must log in with a second factor (TOTP).
TWO_FACTOR_ROLES = frozenset(Role) - {Role.PARENT}


class OrganisationKind(models.TextChoices):
    KIND_EN_GEZIN = "kind_en_gezin", _("Kind en Gezin team")
    MIDWIFE_PRACTICE = "midwife_practice", _("Independent midwife practice")
    HOSPITAL = "hospital", _("Hospital")
    PROGRAMME_PROVIDER = "programme_provider", _("First-1000-days programme provider")
    KRAAMZORG_SERVICE = "kraamzorg_service", _("Kraamzorg service")
    DIRECTORY_OFFICE = "directory_office", _("Directory editorial office")
    ANALYSIS = "analysis", _("Analysis and policy department")
    PLATFORM = "platform", _("Platform operator")


# The kind of organisation a professional of each role works for (the parent has none).
ROLE_ORGANISATION_KIND: dict[Role, OrganisationKind] = {
    Role.KG_PROFESSIONAL: OrganisationKind.KIND_EN_GEZIN,
    Role.INDEPENDENT_MIDWIFE: OrganisationKind.MIDWIFE_PRACTICE,
    Role.HOSPITAL: OrganisationKind.HOSPITAL,
    Role.PROGRAMME_PROVIDER: OrganisationKind.PROGRAMME_PROVIDER,
    Role.KRAAMZORG_SERVICE: OrganisationKind.KRAAMZORG_SERVICE,
    Role.DIRECTORY_EDITOR: OrganisationKind.DIRECTORY_OFFICE,
    Role.ANALYST: OrganisationKind.ANALYSIS,
    Role.ADMINISTRATOR: OrganisationKind.PLATFORM,
}
