"""Choices of the family record (see docs/glossary.md for the Belgian terms)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The children one birth may hold on the record (the birth order runs 1..this): the birth
# form, the API and the Kindboekje's child order all stop here. Not a rule of the sources.
MAX_CHILDREN_PER_BIRTH = 8

# The longest a pregnancy lasts, in days: a due date lies within this many days of the
# registration, and a pregnancy's events count from this many days before its due date.
PREGNANCY_DAYS = 300


class NoNationalNumber(models.TextChoices):
    """Why a person has no national number on the record (the programme also serves women
    without insurance or legal residence)."""

    NONE = "", _("has a national number")
    NO_LEGAL_RESIDENCE = "no_legal_residence", _("no legal residence")
    NOT_INSURED = "not_insured", _("not insured, no number known")
    NOT_YET_KNOWN = "not_yet_known", _("not yet known")
    REFUSED = "refused", _("the person does not want to give it")


class PregnancyStatus(models.TextChoices):
    ONGOING = "ongoing", _("pregnant")
    BORN = "born", _("born")
    ENDED = "ended", _("ended without birth")


class BirthPlace(models.TextChoices):
    HOSPITAL = "hospital", _("maternity ward of a hospital")
    HOME = "home", _("at home")
    BIRTH_CENTRE = "birth_centre", _("birth centre")
    OTHER = "other", _("elsewhere")


class Sex(models.TextChoices):
    FEMALE = "F", _("girl")
    MALE = "M", _("boy")
    UNKNOWN = "U", _("not stated")


class ContactKind(models.TextChoices):
    CONSULTATION = "consultation", _("consultation")
    HOME_VISIT = "home_visit", _("home visit")
    PHONE = "phone", _("phone call")
    START_CONVERSATION = "startgesprek", _("start conversation (startgesprek)")
    OUTREACH = "outreach", _("outreach")
    HOSPITAL_DISCHARGE = "hospital_discharge", _("hospital discharge")
    OTHER = "other", _("other contact")


class ProgrammeServiceKind(models.TextChoices):
    """What is counted against an entitlement (the screening has its own record)."""

    PPA = "ppa", _("personal prenatal advice talk")
    COORDINATION = "coordination", _("care and welfare coordination (12 months)")
    MDO = "mdo", _("multidisciplinary consultation")
    PHYSIOTHERAPY = "physiotherapy", _("perinatal physiotherapy session")
    MIDWIFE_HOME_VISIT = "midwife_home_visit", _("postnatal home visit by a midwife")
    KG_CONSULTATION = "kg_consultation", _("Kind en Gezin consultation")


# The four billable services of the programme (seed 002); the screening is the fourth.
BILLABLE_KINDS = (
    ProgrammeServiceKind.PPA,
    ProgrammeServiceKind.COORDINATION,
    ProgrammeServiceKind.MDO,
)


class ReferralStatus(models.TextChoices):
    """A referral's loop. To a service whose organisation uses the platform: sent → accepted or
    declined → completed, answered by that organisation. To a service outside the platform
    nothing is sent: the referrer contacts the service (to contact → contacted → accepted,
    declined or could not reach) and records the outcome itself
    (docs/decisions/0031-people-shaped-output-and-off-platform-referrals.md)."""

    SENT = "sent", _("sent")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    COMPLETED = "completed", _("completed")
    TO_CONTACT = "to_contact", _("to contact")
    CONTACTED = "contacted", _("contacted, awaiting the answer")
    UNREACHABLE = "unreachable", _("could not reach the service")


# Which answers close which statuses: the loop sent → accepted/declined, accepted → completed.
REFERRAL_NEXT: dict[str, tuple[str, ...]] = {
    ReferralStatus.SENT: (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED),
    ReferralStatus.ACCEPTED: (ReferralStatus.COMPLETED, ReferralStatus.DECLINED),
    ReferralStatus.DECLINED: (),
    ReferralStatus.COMPLETED: (),
}

# The statuses only a referral to a service outside the platform has, and the outcomes its
# referrer records: after trying to reach the service (again), what the service said.
REFERRAL_OFF_PLATFORM = (
    ReferralStatus.TO_CONTACT,
    ReferralStatus.CONTACTED,
    ReferralStatus.UNREACHABLE,
)
_OUTCOMES = (
    ReferralStatus.CONTACTED,
    ReferralStatus.ACCEPTED,
    ReferralStatus.DECLINED,
    ReferralStatus.UNREACHABLE,
)
REFERRAL_OUTCOME_NEXT: dict[str, tuple[str, ...]] = {
    ReferralStatus.TO_CONTACT: _OUTCOMES,
    ReferralStatus.CONTACTED: _OUTCOMES[1:],
    ReferralStatus.UNREACHABLE: _OUTCOMES,
    ReferralStatus.ACCEPTED: (ReferralStatus.COMPLETED, ReferralStatus.DECLINED),
    ReferralStatus.DECLINED: (),
    ReferralStatus.COMPLETED: (),
}
# The statuses of a referral still open (for the lists of what waits).
REFERRAL_OPEN = (ReferralStatus.SENT, ReferralStatus.ACCEPTED, *REFERRAL_OFF_PLATFORM)


class TransferState(models.TextChoices):
    """Where a hospital discharge's transfer to the first line stands against its deadline
    (`handover_rules.transfer_state`; docs/decisions/0027-discharge-and-outreach-handovers.md)."""

    AWAITING = "awaiting", _("awaiting the transfer, not late yet")
    ON_TIME = "on_time", _("transferred in time")
    LATE = "late", _("late: not transferred in time")
    TRANSFERRED_LATE = "transferred_late", _("transferred late")
    NO_DEADLINE = "no_deadline", _("no deadline in force on the discharge date")


# The states a discharge is late in (shown as late to the receiving organisation).
LATE_STATES = (TransferState.LATE, TransferState.TRANSFERRED_LATE)


class ProposalStatus(models.TextChoices):
    """A screening proposed by an outreach contact to a participating provider."""

    PROPOSED = "proposed", _("proposed, awaiting the provider's answer")
    ACCEPTED = "accepted", _("accepted by the provider")
    DECLINED = "declined", _("declined by the provider")
