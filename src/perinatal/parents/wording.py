"""The words a parent reads for what the professionals recorded: each kind of contact,
programme service, referral status, kraamzorg request status and booklet order status as a
plain sentence, never a code or a professional's term (decision 0036).

The professional labels stay in their apps (`pathways.constants`, `kraamzorg.constants`,
`booklets.constants`); these maps say the same thing to the family. A test keeps every
choice of those apps mapped here.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from perinatal.booklets.constants import OrderStatus, ProviderKind
from perinatal.kraamzorg.constants import RequestStatus
from perinatal.pathways.constants import ContactKind, ProgrammeServiceKind, ReferralStatus

# "%(organisation)s" is the organisation that recorded it.
CONTACT_SENTENCES: dict[str, Promise] = {
    ContactKind.CONSULTATION: _("Consultation at %(organisation)s"),
    ContactKind.HOME_VISIT: _("Home visit by %(organisation)s"),
    ContactKind.PHONE: _("Phone call with %(organisation)s"),
    ContactKind.START_CONVERSATION: _("Start conversation with %(organisation)s"),
    ContactKind.OUTREACH: _("Meeting with %(organisation)s"),
    ContactKind.HOSPITAL_DISCHARGE: _("You went home from %(organisation)s"),
    ContactKind.OTHER: _("Contact with %(organisation)s"),
}

SERVICE_SENTENCES: dict[str, Promise] = {
    ProgrammeServiceKind.PPA: _("Personal advice talk about your pregnancy with %(organisation)s"),
    ProgrammeServiceKind.COORDINATION: _("Your care coordination with %(organisation)s began"),
    ProgrammeServiceKind.MDO: _("Your care team met to plan your care (%(organisation)s)"),
    ProgrammeServiceKind.PHYSIOTHERAPY: _("Physiotherapy session (%(organisation)s)"),
    ProgrammeServiceKind.MIDWIFE_HOME_VISIT: _(
        "Home visit by the midwife after the birth (%(organisation)s)"
    ),
    ProgrammeServiceKind.KG_CONSULTATION: _("Consultation at Kind en Gezin (%(organisation)s)"),
}

REFERRAL_STATUS: dict[str, Promise] = {
    ReferralStatus.SENT: _("Sent to the service; it will answer your care team."),
    ReferralStatus.ACCEPTED: _("The service said yes."),
    ReferralStatus.DECLINED: _(
        "The service cannot help you. Ask your care team about another service."
    ),
    ReferralStatus.COMPLETED: _("Done."),
    ReferralStatus.TO_CONTACT: _("Your care team will contact the service."),
    ReferralStatus.CONTACTED: _("Your care team contacted the service and waits for its answer."),
    ReferralStatus.UNREACHABLE: _("Your care team could not reach the service yet."),
}

KRAAMZORG_STATUS: dict[str, Promise] = {
    RequestStatus.SUBMITTED: _("Sent; the service will answer you."),
    RequestStatus.ACCEPTED: _("Accepted: the service planned the help."),
    RequestStatus.WAITING: _("On the service's waiting list."),
    RequestStatus.REFUSED: _(
        "The service cannot take it. Your request can go to another service for your municipality."
    ),
    RequestStatus.WITHDRAWN: _("Withdrawn."),
    RequestStatus.CLOSED: _("The help is over."),
}

ORDER_STATUS: dict[str, Promise] = {
    OrderStatus.SUBMITTED: _("Received; not handled yet."),
    OrderStatus.APPROVED: _("Approved; it will be sent to you."),
    OrderStatus.REFUSED: _("Refused."),
    OrderStatus.SHIPPED: _("Sent to you."),
    OrderStatus.DELIVERED: _("Delivered."),
}

# Who handed the Kindboekje out, as the family knew them (the kind, not the organisation).
BOOKLET_FROM: dict[str, Promise] = {
    ProviderKind.KIND_EN_GEZIN: _("You received the Kindboekje from Kind en Gezin"),
    ProviderKind.INDEPENDENT_MIDWIFE: _("You received the Kindboekje from your midwife"),
    ProviderKind.HOSPITAL: _("You received the Kindboekje at the hospital"),
    ProviderKind.PARENTS: _("You received the Kindboekje you ordered"),
}
