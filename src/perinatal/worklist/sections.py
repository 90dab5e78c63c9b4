"""Which sections each role's home page holds, in order, with their headings, the sentence
shown when a section is empty and the page that lists all of its kind. The reads are in
`families.py`, `corrections.py`, `handovers.py`, `kraamzorg.py`, `desks.py` and
`booklets.py`; `selectors.home_for` runs them (docs/decisions/0029-home-per-role.md)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from perinatal.accounts import roles
from perinatal.booklets.monitoring.access import may_see_work_list

from . import booklets, corrections, desks, families, handovers, kraamzorg, parents, questions
from .access_log import FamiliesShown
from .items import Item

Reader = Callable[..., list[Item]]


@dataclass(frozen=True)
class Kind:
    """One kind of item: its key (the section's anchor), how it reads, where all are."""

    key: str
    heading: str | Promise
    empty: str | Promise
    read: Reader
    more: str = ""  # a URL name (reversed without arguments)
    more_label: str | Promise = ""
    more_query: str = ""


FAMILIES = Kind(
    "families",
    _("My families"),
    _("No family in your care right now."),
    families.my_families,
    "pathways:find",
    _("Find a family or register one"),
)
START_CONVERSATIONS = Kind(
    "start-conversations",
    _("Start conversations to hold"),
    _("No start conversation is due."),
    families.start_conversations,
)
SCREENINGS = Kind(
    "screenings",
    _("Screenings whose window closes"),
    _("No screening window is closing."),
    families.screenings_closing,
)
KINDBOEKJE = Kind(
    "kindboekje",
    _("Children without a Kindboekje at six weeks"),
    _("Every child in your care has a Kindboekje."),
    booklets.children_without_booklet,
    "booklets:follow_up",
    _("The whole follow-up list"),
)
REFERRALS_TO_ANSWER = Kind(
    "referrals-to-answer",
    _("Referrals to answer"),
    _("No referral waits for your answer."),
    handovers.referrals_to_answer,
    "pathways:referrals_received",
    _("All referrals received"),
)
REFERRALS_SENT = Kind(
    "referrals-sent",
    _("Referrals you sent that are still open"),
    _("Every referral you sent is answered."),
    handovers.referrals_sent_open,
)
CONSENT = Kind(
    "consent",
    _("Consent to ask"),
    _("No care team waits for the family's consent."),
    families.consent_requests,
)
CORRECTIONS = Kind(
    "corrections",
    _("Corrections asked by the family"),
    _("No family waits for an answer to a correction."),
    corrections.corrections_asked,
)
SHARING_WITHDRAWN = Kind(
    "sharing-withdrawn",
    _("Sharing withdrawn by families"),
    _("No family withdrew sharing in the last days."),
    families.sharing_withdrawn,
)
ENTITLEMENTS = Kind(
    "entitlements",
    _("Entitlements close to their limit"),
    _("No entitlement is close to its limit."),
    families.entitlements_near_limit,
)
DISCHARGES_RECEIVED = Kind(
    "discharges-received",
    _("Hospital discharges transferred to you"),
    _("No hospital discharge in the last days."),
    handovers.discharges_received,
    "pathways:discharges_received",
    _("All discharges received"),
)
BIRTHS = Kind(
    "births",
    _("Births to register"),
    _("No birth is expected in the coming days."),
    families.births_to_register,
)
DISCHARGES_TO_TRANSFER = Kind(
    "discharges-to-transfer",
    _("Discharges to transfer"),
    _("Every discharge is transferred."),
    handovers.discharges_to_transfer,
)
INTAKE = Kind(
    "intake",
    _("Requests to answer"),
    _("No request waits for an answer."),
    kraamzorg.requests_to_answer,
    "kraamzorg:intake",
    _("The whole intake queue"),
)
IN_CARE = Kind(
    "in-care",
    _("Families in care"),
    _("No family in care right now."),
    kraamzorg.families_in_care,
    "kraamzorg:intake",
    _("All accepted requests"),
    "status=accepted",
)
VISITS = Kind(
    "visits",
    _("Visits to record this week"),
    _("Every family in care has a visit this week."),
    kraamzorg.visits_this_week,
)
STATEMENTS = Kind(
    "statements",
    _("Monthly statements to send"),
    _("No statement to send for last month."),
    kraamzorg.statements_to_send,
)
REPORTS = Kind(
    "reports",
    _("Reports to handle"),
    _("No open report."),
    desks.editor_reports,
    "directory:editor_queue",
    _("The editors' desk"),
)
VERIFY = Kind(
    "verify",
    _("Entries to verify"),
    _("Every entry is verified."),
    desks.editor_verification,
)
DASHBOARD = Kind(
    "dashboard",
    _("Monitoring"),
    _("No figures yet."),
    desks.latest_year,
    "monitoring:submissions",
    _("Yearly submissions"),
)
ORDERS = Kind(
    "orders",
    _("Booklet orders to handle"),
    _("No order waits."),
    desks.orders_to_handle,
    "booklets:desk",
    _("The order desk"),
)
FAILED_JOBS = Kind(
    "failed-jobs",
    _("Failed background jobs"),
    _("No job failed in the last days."),
    desks.failed_jobs,
    "jobs:list",
    _("Background jobs"),
)
LOCKED = Kind(
    "locked",
    _("Locked accounts"),
    _("No account is locked."),
    desks.locked_accounts,
    "admin:index",
    _("The administration site"),
)
EMERGENCY = Kind(
    "emergency",
    _("Emergency accesses to review"),
    _("No emergency access in the last days."),
    desks.emergency_accesses,
    "audit:access_log",
    _("The access log"),
)
MY_FAMILIES = Kind(
    "my-families",
    _("My first 1000 days"),
    _(
        "Your account is not linked to your family's record yet. Ask your midwife, Kind en "
        "Gezin or ONE for a linking code."
    ),
    parents.my_families,
)
ACCESS_QUESTIONS = Kind(
    "access-questions",
    _("Questions about accesses"),
    _("No family waits for an answer about an access."),
    questions.access_questions,
)
MY_REQUESTS = Kind(
    "my-requests",
    _("Kraamzorg requests still open"),
    _("No open kraamzorg request."),
    desks.my_requests,
    "kraamzorg:mine",
    _("All my kraamzorg requests"),
)


def kinds_for(user: Any) -> list[Kind]:
    """The kinds of item on `user`'s home page, in order."""
    kinds: list[Kind] = []
    if roles.is_order_desk(user):
        kinds.append(ORDERS)
    if roles.is_hospital_professional(user):
        return [*kinds, BIRTHS, DISCHARGES_TO_TRANSFER, FAMILIES, REFERRALS_TO_ANSWER]
    if roles.is_kraamzorg_staff(user):
        return [*kinds, INTAKE, IN_CARE, VISITS, STATEMENTS]
    if roles.is_care_professional(user):
        kinds += [DISCHARGES_RECEIVED, REFERRALS_TO_ANSWER]
        if roles.is_kind_en_gezin_professional(user) or roles.is_one_professional(user):
            kinds.append(START_CONVERSATIONS)
        if user.organisation.programme_participant:
            kinds.append(SCREENINGS)
        if may_see_work_list(user):
            kinds.append(KINDBOEKJE)
        return [
            *kinds,
            CORRECTIONS,
            CONSENT,
            SHARING_WITHDRAWN,
            ENTITLEMENTS,
            REFERRALS_SENT,
            FAMILIES,
        ]
    if roles.is_administrator(user):
        return [ACCESS_QUESTIONS, FAILED_JOBS, LOCKED, EMERGENCY]
    if roles.is_directory_editor(user):
        return [REPORTS, VERIFY]
    if roles.is_analyst(user):
        return [DASHBOARD]
    if roles.is_parent(user):
        return [MY_FAMILIES, MY_REQUESTS]
    if roles.is_referral_only(user):
        return [MY_REQUESTS]
    return []


def read(kind: Kind, *, user: Any, on: date, shown: FamiliesShown) -> list[Item]:
    return kind.read(user=user, on=on, shown=shown)
