"""Fixed vocabularies of the directory, with translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """Phases of the first 1000 days, as the Focus (seed 002) orders its timeline."""

    PRENATAL = "prenatal", _("Pregnancy")
    BIRTH = "birth", _("Birth")
    POSTNATAL = "postnatal", _("After birth and young child up to 2 years")
    WHOLE_PERIOD = "whole_period", _("The whole period")
    SPECIFIC_SITUATIONS = "specific_situations", _("Specific situations")


class Need(models.TextChoices):
    PERINATAL_GRIEF = "perinatal_grief", _("Perinatal grief")
    ADDICTION = "addiction", _("Addiction")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    NO_INSURANCE = "no_insurance", _("No health insurance")
    NO_LEGAL_RESIDENCE = "no_legal_residence", _("No legal residence")
    SINGLE_PARENTS = "single_parents", _("Single parents")
    HOME_BIRTH = "home_birth", _("Home birth")
    BIRTH_HOUSE = "birth_house", _("Birth house")
    BREASTFEEDING = "breastfeeding", _("Breastfeeding")
    CHILDCARE = "childcare", _("Childcare")
    CHILD_BENEFIT = "child_benefit", _("Child benefit")
    VIOLENCE = "violence", _("Violence")
    MATERIAL_HELP = "material_help", _("Material help")
    ADMINISTRATIVE_HELP = "administrative_help", _("Administrative help")
    PARENTING_SUPPORT = "parenting_support", _("Parenting support")
    PHYSIOTHERAPY = "physiotherapy", _("Physiotherapy")
    KRAAMZORG = "kraamzorg", _("Maternity home care (kraamzorg)")
    FAMILY_PLANNING = "family_planning", _("Family planning")
    MIGRANTS_REFUGEES = "migrants_refugees", _("Migrants and refugees")
    SOCIAL_SUPPORT = "social_support", _("Social support")
    INFORMATION = "information", _("Information")
    MEDICAL_FOLLOW_UP = "medical_follow_up", _("Medical follow-up")
    PREMATURE_NICU = "premature_nicu", _("Premature birth and neonatal intensive care")


class CostCategory(models.TextChoices):
    FREE = "free", _("Free")
    SOCIAL_TARIFF = "social_tariff", _("Social tariff")
    REIMBURSED = "reimbursed", _("Reimbursed by health insurance")
    PAYING = "paying", _("Paying")
    VARIES = "varies", _("Depends on the provider")


LOW_COST = (CostCategory.FREE, CostCategory.SOCIAL_TARIFF)


class OrganizationKind(models.TextChoices):
    HOSPITAL = "hospital", _("Hospital")
    PUBLIC_AGENCY = "public_agency", _("Public agency")
    NONPROFIT = "nonprofit", _("Non-profit organisation")
    PROFESSIONAL_NETWORK = "professional_network", _("Professional network")
    HEALTH_CENTRE = "health_centre", _("Health centre")
    INFORMATION_PLATFORM = "information_platform", _("Information platform")
    PROGRAMME = "programme", _("Programme")
    OTHER = "other", _("Other")


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Defunct")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")


# The statuses a reader's search shows (the others only to editors who ask for them).
PUBLIC_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)


class PhoneKind(models.TextChoices):
    """HSDS 3.0 `phone.type`."""

    VOICE = "voice", _("Phone")
    CELL = "cell", _("Mobile phone")
    TEXT = "text", _("Text messages (SMS)")
    FAX = "fax", _("Fax")
    VIDEO = "video", _("Video call")
    PAGER = "pager", _("Pager")
    TEXTPHONE = "textphone", _("Textphone")


class Weekday(models.TextChoices):
    """Days of the week as HSDS schedules write them (iCalendar BYDAY)."""

    MONDAY = "MO", _("Monday")
    TUESDAY = "TU", _("Tuesday")
    WEDNESDAY = "WE", _("Wednesday")
    THURSDAY = "TH", _("Thursday")
    FRIDAY = "FR", _("Friday")
    SATURDAY = "SA", _("Saturday")
    SUNDAY = "SU", _("Sunday")


class ReportKind(models.TextChoices):
    ERROR = "error", _("An error in this entry")
    MISSING = "missing", _("A missing service")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")
    REJECTED = "rejected", _("Rejected")


# Languages a service can be offered in (ISO 639-1), shown with their own names.
SERVICE_LANGUAGES = {
    "nl": "Nederlands",
    "fr": "Français",
    "en": "English",
    "de": "Deutsch",
    "es": "Español",
    "it": "Italiano",
    "pt": "Português",
    "ar": "العربية",
    "tr": "Türkçe",
    "ro": "Română",
    "pl": "Polski",
    "bg": "Български",
    "ru": "Русский",
    "uk": "Українська",
    "fa": "فارسی",
    "ps": "پښتو",
    "so": "Soomaali",
    "ti": "ትግርኛ",
    "am": "አማርኛ",
    "ln": "Lingála",
    "sw": "Kiswahili",
    "ber": "Tamaziɣt",
}


class AreaLevel(models.TextChoices):
    """What an area served is, by its NIS code (docs/decisions/0019-areas-served.md)."""

    REGION = "region", _("Region")
    PROVINCE = "province", _("Province")
    MUNICIPALITY = "municipality", _("Municipality")
