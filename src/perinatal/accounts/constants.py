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
    # The whole care network (issue 14; docs/decisions/0028-care-network.md).
    ONE_PROFESSIONAL = "one_professional", _("ONE professional")
    GP_PRACTICE = "gp_practice", _("Professional of a GP practice")
    COMMUNITY_HEALTH_CENTRE = (
        "community_health_centre",
        _("Professional of a community health centre"),
    )
    OCMW = "ocmw", _("OCMW/CPAS professional")
    CAW = "caw", _("CAW professional")
    CGG = "cgg", _("CGG/SSM professional")
    PSYCHOLOGIST_PRACTICE = "psychologist_practice", _("Psychologist in a practice")


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
    # The whole care network (issue 14; docs/decisions/0028-care-network.md).
    ONE = "one", _("ONE (Office de la Naissance et de l'Enfance)")
    GP_PRACTICE = "gp_practice", _("GP practice")
    COMMUNITY_HEALTH_CENTRE = (
        "community_health_centre",
        _("Community health centre (wijkgezondheidscentrum, maison médicale)"),
    )
    OCMW = "ocmw", _("OCMW/CPAS (public social welfare centre)")
    CAW = "caw", _("CAW (general welfare centre)")
    CGG = "cgg", _("CGG/SSM (mental health centre)")
    PSYCHOLOGIST_PRACTICE = "psychologist_practice", _("Psychologist practice")


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
    Role.ONE_PROFESSIONAL: OrganisationKind.ONE,
    Role.GP_PRACTICE: OrganisationKind.GP_PRACTICE,
    Role.COMMUNITY_HEALTH_CENTRE: OrganisationKind.COMMUNITY_HEALTH_CENTRE,
    Role.OCMW: OrganisationKind.OCMW,
    Role.CAW: OrganisationKind.CAW,
    Role.CGG: OrganisationKind.CGG,
    Role.PSYCHOLOGIST_PRACTICE: OrganisationKind.PSYCHOLOGIST_PRACTICE,
}

# The roles of the actors who only refer (seed 003: "OCMW, CAW, CGG", "psychologen"): they
# never see a family's record; they see what they referred and its answer, nothing else.
REFERRING_ROLES = frozenset({Role.OCMW, Role.CAW, Role.CGG, Role.PSYCHOLOGIST_PRACTICE})
