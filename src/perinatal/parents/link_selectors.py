"""Reads for linking: the parents linked to a family and its codes not used yet (for the care
team's page, which has loaded the family through `pathways.pages.family_page` and so logged
the read), and a parent's own links (for the parent's page)."""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from perinatal.audit.models import AccessAction, AccessBasis
from perinatal.audit.services import access_records
from perinatal.pathways.models import Pregnancy

from .models import LinkCode, ParentLink


def family_links(pregnancy: Pregnancy) -> QuerySet[ParentLink]:
    """The parents linked to `pregnancy` now, longest first."""
    return ParentLink.objects.filter(pregnancy=pregnancy, ended_at__isnull=True).select_related(
        "user"
    )


def family_link_get(pregnancy: Pregnancy, link_id: Any) -> ParentLink:
    """One active link of `pregnancy` (ParentLink.DoesNotExist for any other)."""
    return family_links(pregnancy).get(pk=link_id)


def open_codes(pregnancy: Pregnancy) -> QuerySet[LinkCode]:
    """The family's codes that can still be used (not used, not locked, not expired)."""
    return LinkCode.objects.filter(
        pregnancy=pregnancy,
        used_at__isnull=True,
        locked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("created_by")


@transaction.atomic
def parent_links(*, user: Any, request: Any = None) -> list[ParentLink]:
    """`user`'s active links with the family's mother (for the parent's own page), each
    family shown in the access log on the basis "own record"."""
    links = list(
        ParentLink.objects.filter(
            user=user, ended_at__isnull=True, pregnancy__pseudonymised_at__isnull=True
        ).select_related("pregnancy__mother")
    )
    if links:
        access_records(
            actor=user,
            records=[(str(link.pregnancy.public_id),) * 2 for link in links],
            action=AccessAction.READ,
            record_type="pathways.pregnancy",
            purpose="my linked families",
            basis=AccessBasis.OWN_RECORD,
            request=request,
        )
    return links


def own_link_get(user: Any, pregnancy: Pregnancy) -> ParentLink:
    """`user`'s active link to `pregnancy` (ParentLink.DoesNotExist when there is none)."""
    return ParentLink.objects.get(user=user, pregnancy=pregnancy, ended_at__isnull=True)
