"""Choices of kraamzorg (maternity home care) requests (see docs/glossary.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestSource(models.TextChoices):
    """Who asked: the parents themselves, or a professional who follows the family (seed 003:
    "gynaecologen, huisartsen, psychologen, consultatiebureaus Kind en Gezin, vroedvrouwen,
    OCMW, CAW, CGG … moeten kwetsbare gezinnen zorgzaam kunnen doorverwijzen")."""

    PARENT = "parent", _("the parents")
    KIND_EN_GEZIN = "kind_en_gezin", _("Kind en Gezin")
    INDEPENDENT_MIDWIFE = "independent_midwife", _("an independent midwife")
    HOSPITAL = "hospital", _("a hospital")
    PROGRAMME_PROVIDER = "programme_provider", _("a first-1000-days programme provider")
    KRAAMZORG_SERVICE = "kraamzorg_service", _("a kraamzorg service")
    # The whole care network (docs/decisions/0028-care-network.md).
    ONE = "one", _("ONE")
    GP_PRACTICE = "gp_practice", _("a GP practice")
    COMMUNITY_HEALTH_CENTRE = "community_health_centre", _("a community health centre")
    OCMW = "ocmw", _("an OCMW/CPAS")
    CAW = "caw", _("a CAW")
    CGG = "cgg", _("a CGG/SSM")
    PSYCHOLOGIST_PRACTICE = "psychologist_practice", _("a psychologist practice")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    ACCEPTED = "accepted", _("accepted and planned")
    WAITING = "waiting", _("on the waiting list")
    REFUSED = "refused", _("refused")
    WITHDRAWN = "withdrawn", _("withdrawn")
    CLOSED = "closed", _("closed")


# A family has at most one open request per service (docs/decisions/0014-kraamzorg.md).
OPEN_STATUSES = (RequestStatus.SUBMITTED, RequestStatus.ACCEPTED, RequestStatus.WAITING)

# The intake's answers: submitted → accepted / waiting / refused; waiting → accepted / refused;
# accepted → closed (with its total hours); the requester may withdraw an open request.
REQUEST_NEXT: dict[str, tuple[str, ...]] = {
    RequestStatus.SUBMITTED: (
        RequestStatus.ACCEPTED,
        RequestStatus.WAITING,
        RequestStatus.REFUSED,
        RequestStatus.WITHDRAWN,
    ),
    RequestStatus.WAITING: (RequestStatus.ACCEPTED, RequestStatus.REFUSED, RequestStatus.WITHDRAWN),
    RequestStatus.ACCEPTED: (RequestStatus.CLOSED, RequestStatus.WITHDRAWN),
    RequestStatus.REFUSED: (),
    RequestStatus.WITHDRAWN: (),
    RequestStatus.CLOSED: (),
}


class RefusalReason(models.TextChoices):
    NO_CAPACITY = "no_capacity", _("no capacity")
    OUTSIDE_AREA = "outside_area", _("outside the service's area")
    OTHER = "other", _("other reason")


class Vulnerability(models.TextChoices):
    """Why a request is marked vulnerable: scenario B of the screening, or the referrer."""

    NONE = "", _("not marked")
    SCENARIO_B = "scenario_b", _("scenario B of the psychosocial screening")
    REFERRER = "referrer", _("marked by the referrer")


class Help(models.TextChoices):
    """What a kraamverzorgende can do (seed 002, "Kraamzorg")."""

    BABY_CARE = "baby_care", _("help with baby care (bathing, breastfeeding …)")
    MOTHER_CARE = "mother_care", _("support for the mother (hygiene, advice)")
    HOUSEHOLD = "household", _("light household work (laundry, simple meals)")
    EMOTIONAL = "emotional", _("emotional and practical daily support")
