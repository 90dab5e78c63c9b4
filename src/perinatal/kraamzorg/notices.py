"""Who kraamzorg tells, and what (docs/decisions/0030-notifications.md).

- A new request (asked, referred, forwarded): the service's intake staff, linked to the
  request's intake page.
- The service's answer (accepted and planned, waiting list, refused) and a forward to another
  service go to who asked: the parent's or the referring professional's inbox (and e-mail if
  they chose it).
- A parent who asked on the public form without an account and gave an e-mail address gets
  an e-mail at each step (sent, answered, forwarded), in the language of the page they asked
  on, with the request's reference number and the service's phone: nothing else about the
  family.
- An answer or forward of a request linked to a family is also that family's news
  (`pathways.family_news`): its linked parents hear it (decision 0038).
Registered from `KraamzorgConfig.ready()`; the services in `services/requests.py` call
`request_sent` and `request_answered` inside their transaction."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from perinatal.accounts.constants import Role
from perinatal.directory.models import Phone
from perinatal.directory.presentation import phone_shown
from perinatal.notifications.kinds import Kind, register_kind
from perinatal.notifications.services import notify, notify_address
from perinatal.pathways import family_news

from .constants import RequestSource, RequestStatus
from .models import KraamzorgRequest

RECEIVED, ACCEPTED, WAITING, REFUSED, FORWARDED = (
    "kraamzorg_received",
    "kraamzorg_accepted",
    "kraamzorg_waiting",
    "kraamzorg_refused",
    "kraamzorg_forwarded",
)
KIND_OF_STATUS = {
    RequestStatus.ACCEPTED: ACCEPTED,
    RequestStatus.WAITING: WAITING,
    RequestStatus.REFUSED: REFUSED,
}
# The family's own news, for its linked parents (pathways.family_news, decision 0038).
FAMILY_EVENT = {
    ACCEPTED: family_news.KRAAMZORG_ACCEPTED,
    WAITING: family_news.KRAAMZORG_WAITING,
    REFUSED: family_news.KRAAMZORG_REFUSED,
    FORWARDED: family_news.KRAAMZORG_FORWARDED,
}
SUBJECT = gettext_lazy("Your kraamzorg request has an answer")
EMAIL_TEXT = gettext_lazy("There is news about a kraamzorg request you made.")


def register() -> None:
    register_kind(
        Kind(
            RECEIVED,
            gettext_lazy("Kraamzorg request received"),
            gettext_noop("%(service)s received the kraamzorg request %(reference)s."),
            subject=gettext_lazy("A kraamzorg request for your service"),
            email_text=gettext_lazy("Your service received a kraamzorg request on the platform."),
        )
    )
    for key, label, message in (
        (
            ACCEPTED,
            gettext_lazy("Kraamzorg request accepted"),
            gettext_noop("%(service)s accepted and planned the kraamzorg request %(reference)s."),
        ),
        (
            WAITING,
            gettext_lazy("Kraamzorg request on the waiting list"),
            gettext_noop(
                "%(service)s put the kraamzorg request %(reference)s on its waiting list."
            ),
        ),
        (
            REFUSED,
            gettext_lazy("Kraamzorg request refused"),
            gettext_noop(
                "%(service)s cannot take the kraamzorg request %(reference)s; "
                "it can go to another service."
            ),
        ),
        (
            FORWARDED,
            gettext_lazy("Kraamzorg request sent to another service"),
            gettext_noop("The kraamzorg request went to %(service)s, reference %(reference)s."),
        ),
    ):
        register_kind(Kind(key, label, message, subject=SUBJECT, email_text=EMAIL_TEXT))


def service_phone(kraamzorg_request: KraamzorgRequest) -> str:
    """The service's phone as people dial it, from its directory entry (the organisation's
    own number, else the first of its services'); empty when the directory has none."""
    organisation = kraamzorg_request.offer.service.organisation
    entry = organisation.directory_organization if organisation is not None else None
    if entry is None:
        return ""
    numbers = [phone.number for phone in Phone.objects.filter(organization=entry)]
    numbers += [phone.number for phone in Phone.objects.filter(service__organization=entry)]
    for number in numbers:
        shown = phone_shown(number)
        if shown is not None:
            return shown.text
    return ""


def _lines_for_parent(kraamzorg_request: KraamzorgRequest, step: str) -> tuple[str, list[str]]:
    """The e-mail to the parent without an account, written in the active language."""
    service = kraamzorg_request.offer.service.name
    reference = kraamzorg_request.reference
    what = {
        "sent": _("Your request for kraamzorg went to %(service)s."),
        RequestStatus.ACCEPTED: _("%(service)s accepted your request and planned the help."),
        RequestStatus.WAITING: _("%(service)s put your request on its waiting list."),
        RequestStatus.REFUSED: _(
            "%(service)s cannot take your request. It can go to another service that serves "
            "your municipality."
        ),
        "forwarded": _("Your request went to another service: %(service)s."),
    }[step] % {"service": service}
    phone = service_phone(kraamzorg_request)
    lines = [what, _("Your reference number: %(reference)s") % {"reference": reference}]
    if phone:
        lines.append(
            _("Call %(service)s on %(phone)s and give your reference number.")
            % {"service": service, "phone": phone}
        )
    subject = _("Your kraamzorg request %(reference)s") % {"reference": reference}
    return subject, lines


def _tell_parent_without_account(kraamzorg_request: KraamzorgRequest, step: str) -> None:
    if kraamzorg_request.source != RequestSource.PARENT or kraamzorg_request.submitted_by_id:
        return
    notify_address(
        to=kraamzorg_request.contact_email,
        language=kraamzorg_request.contact_language,
        write=lambda: _lines_for_parent(kraamzorg_request, step),
    )


def request_received(kraamzorg_request: KraamzorgRequest) -> None:
    """A new request (asked, referred or forwarded): the service's intake staff."""
    organisation_id = kraamzorg_request.offer.service.organisation_id
    if organisation_id is None:
        return
    staff = get_user_model().objects.filter(
        organisation_id=organisation_id, role=Role.KRAAMZORG_SERVICE, is_active=True
    )
    notify(
        recipients=staff,
        kind=RECEIVED,
        about=kraamzorg_request,
        link=("kraamzorg:intake_request", [kraamzorg_request.public_id]),
        params={
            "service": kraamzorg_request.offer.service.name,
            "reference": kraamzorg_request.reference,
        },
    )


def request_sent(kraamzorg_request: KraamzorgRequest) -> None:
    _tell_parent_without_account(kraamzorg_request, "sent")


def request_answered(
    kraamzorg_request: KraamzorgRequest, *, forwarded_from: KraamzorgRequest | None = None
) -> None:
    """The intake answered `kraamzorg_request`, or it is the new request of a forward."""
    kind = (
        FORWARDED
        if forwarded_from is not None
        else KIND_OF_STATUS[RequestStatus(kraamzorg_request.status)]
    )
    told = notify(
        recipients=[kraamzorg_request.submitted_by],
        kind=kind,
        about=kraamzorg_request,
        link=("kraamzorg:request", [kraamzorg_request.public_id]),
        params={
            "service": kraamzorg_request.offer.service.name,
            "reference": kraamzorg_request.reference,
        },
    )
    step = "forwarded" if forwarded_from is not None else kraamzorg_request.status
    _tell_parent_without_account(kraamzorg_request, step)
    if kraamzorg_request.pregnancy_id is not None:
        family_news.tell_family(
            family_news.FamilyNews(
                FAMILY_EVENT[kind],
                kraamzorg_request.pregnancy_id,
                kraamzorg_request,
                params={
                    "service": kraamzorg_request.offer.service.name,
                    "reference": kraamzorg_request.reference,
                },
                told=frozenset(n.recipient_id for n in told),
            )
        )
