"""The family's choice of the organisations that see its record (issue 16 item 3, decision
0037): each organisation of the care team with its basis (keeps the record / member with the
family's consent / not shared), a button to give or withdraw sharing, the consequence said in
plain words before the parent confirms; effective at once (`pathways` `sharing_set`)."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perinatal.core.refusals import InvalidInput
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.services.care_team import sharing_set
from perinatal.pathways.sharing import OrganisationSharing, team_sharing

from .own_pages import OWN_RECORD, own_family_page
from .tabs import Tab, family_tabs, tabs_for

family_tabs.register(
    "sharing", Tab(order=30, url_name="parents:sharing", label=gettext_lazy("Who sees my record"))
)


def _chosen(rows: list[OrganisationSharing], value: Any) -> OrganisationSharing | None:
    """The row of a non-lead organisation named by its id (None for anything else)."""
    for row in rows:
        if not row.is_lead and str(row.organisation.pk) == str(value):
            return row
    return None


def _wanted(value: Any) -> bool | None:
    return {"1": True, "0": False}.get(str(value))


@own_family_page("who sees my record")
def sharing_view(request: HttpRequest, pregnancy: Pregnancy) -> HttpResponse:
    rows = team_sharing(pregnancy)
    data = request.POST if request.method == "POST" else request.GET
    row = _chosen(rows, data.get("organisation"))
    share = _wanted(data.get("share"))
    error = ""
    status = 200
    if request.method == "POST":
        if row is None or share is None:
            error, status = _("Choose an organisation of your care team."), 400
        else:
            try:
                changed = sharing_set(
                    pregnancy=pregnancy,
                    organisation=row.organisation,
                    shared=share,
                    by=request.user,
                    grant=OWN_RECORD,
                    request=request,
                )
            except InvalidInput as exc:
                error = " ".join(m for ms in exc.message_dict.values() for m in ms)
                status = 400
            else:
                if changed is None:
                    messages.info(request, _("Nothing changed: this was already your choice."))
                elif share:
                    messages.success(
                        request,
                        _("%(organisation)s sees your record from now on.")
                        % {"organisation": row.organisation},
                    )
                else:
                    messages.success(
                        request,
                        _("%(organisation)s no longer sees your record.")
                        % {"organisation": row.organisation},
                    )
                return redirect("parents:sharing", public_id=pregnancy.public_id)
    lead = next((r for r in rows if r.is_lead), None)
    return render(
        request,
        "parents/sharing.html",
        {
            "pregnancy": pregnancy,
            "rows": rows,
            "lead": lead,
            "confirm": row if (row is not None and share is not None and not error) else None,
            "confirm_share": share,
            "error": error,
            "tabs": tabs_for(pregnancy),
            "current": "sharing",
            "tabs_label": _("Your family's record"),
        },
        status=status,
    )
