"""Who may do what in the monitoring: a kraamzorg service's users submit only for their own
service; analysts and administrators import for any service and close or reopen years; the
command line without `--as-user` acts as the server's operator."""

from typing import Any

from django.utils.translation import gettext as _

from perinatal.accounts.constants import OrganisationKind, Role

from ..models import Service
from ..submissions.errors import SubmissionRefused

MANAGERS = (Role.ANALYST, Role.ADMINISTRATOR)


def is_manager(user: Any) -> bool:
    return user is None or user.has_role(*MANAGERS)


def require_manager(user: Any) -> None:
    if not is_manager(user):
        raise SubmissionRefused(
            "forbidden", _("Only an analyst or an administrator may close or reopen a work year.")
        )


def own_service(user: Any, service_id: str, known: Service | None) -> bool:
    """Whether a kraamzorg service's user may submit for this recognition number: the service
    is linked to the user's organisation, or (a service not linked yet) the organisation
    carries that recognition number."""
    organisation = getattr(user, "organisation", None)
    if (
        not user.has_role(Role.KRAAMZORG_SERVICE)
        or organisation is None
        or organisation.kind != OrganisationKind.KRAAMZORG_SERVICE
    ):
        return False
    if known is not None and known.organisation_id is not None:
        return known.organisation_id == organisation.pk
    return organisation.recognition_number.strip() == service_id


def check_may_submit(user: Any, service_ids: list[str], known: dict[str, Service]) -> None:
    if is_manager(user):
        return
    if not user.has_role(Role.KRAAMZORG_SERVICE):
        raise SubmissionRefused(
            "forbidden", _("Only a family-care service, an analyst or an administrator may submit.")
        )
    for service_id in service_ids:
        if not own_service(user, service_id, known.get(service_id)):
            raise SubmissionRefused(
                "not_your_service",
                _("You may only submit for your own service, not for %(service)s.")
                % {"service": service_id},
            )
