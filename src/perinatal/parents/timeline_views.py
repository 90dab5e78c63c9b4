""" "My first 1000 days" at /<lang>/my/<uuid>/: a linked parent's own timeline, care team,
referrals, kraamzorg requests and Kindboekje order (decision 0036).

- not logged in → the login page;
- logged in but not a parent (a professional, an analyst, …) → 403: the professionals
  read the family record on their own pages;
- a parent not linked to the family, or no such family → the same 404, so a parent learns
  nothing about families that are not theirs.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .own_pages import parent_required
from .selectors import own_family_get
from .selectors_timeline import my_first_1000_days
from .tabs import Tab, family_tabs, tabs_for

PURPOSE = "my first 1000 days"

family_tabs.register(
    "timeline", Tab(order=10, url_name="parents:family", label=gettext_lazy("My first 1000 days"))
)


@parent_required
def family_view(request: HttpRequest, public_id: Any) -> HttpResponse:
    pregnancy = own_family_get(
        user=request.user, public_id=public_id, purpose=PURPOSE, request=request
    )
    family = my_first_1000_days(pregnancy)
    return render(
        request,
        "parents/family.html",
        {
            "family": family,
            "pregnancy": pregnancy,
            "tabs": tabs_for(pregnancy),
            "current": "timeline",
            "tabs_label": _("Pages about your family"),
        },
    )


urlpatterns = [path("<uuid:public_id>/", family_view, name="family")]
