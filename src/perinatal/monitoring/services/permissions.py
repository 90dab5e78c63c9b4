"""Who may do what in the monitoring: a kraamzorg service's users submit only for their own
service; analysts and administrators import for any service and close or reopen years; the
command line without `--as-user` acts as the server's operator (`accounts/roles.py`)."""

from typing import Any

from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_kraamzorg_staff, is_monitoring_manager, is_operator

from ..models import Service
from ..submissions.errors import SubmissionRefused


def manages_monitoring(user: Any) -> bool:
    """A monitoring manager, or the command line's operator (a command without a user)."""
    return is_operator(user) or is_monitoring_manager(user)


def require_manager(user: Any) -> None:
    if not manages_monitoring(user):
        raise SubmissionRefused(
            "forbidden", _("Only an analyst or an administrator may close or reopen a work year.")
        )


def own_service(user: Any, service_id: str, known: Service | None) -> bool:
    """Whether a kraamzorg service's user may submit for this recognition number: the service
    is linked to the user's organisation, or (a service not linked yet) the organisation
    carries that recognition number."""
    if not is_kraamzorg_staff(user):
        return False
    organisation = user.organisation
    if known is not None and known.organisation_id is not None:
        return known.organisation_id == organisation.pk
    return organisation.recognition_number.strip() == service_id


def check_may_submit(user: Any, service_ids: list[str], known: dict[str, Service]) -> None:
    if manages_monitoring(user):
        return
    if not is_kraamzorg_staff(user):
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
