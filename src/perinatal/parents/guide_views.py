"""The practical guide of the first 1000 days: what a family arranges when, with the directory
services that help (issue 16 item 6, docs/decisions/0039-practical-guide.md).

- `/<lang>/guide/` (`guide:index`): public, anyone; each step's timing in words relative to
  the pregnancy or the birth. A linked parent finds links to the guide with their own dates.
- `/<lang>/my/<family>/guide/` (`parents:guide_family`): the same steps against the family's
  due date and birth date, with what the platform knows done or late; only a parent linked to
  the family (anyone else: 404), the read logged on the basis "own record". Its tab on the
  family's pages is registered here.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_parent
from perinatal.core.middleware import public_page
from perinatal.core.pages import refused
from perinatal.directory.search.cards import Card
from perinatal.pathways.constants import PregnancyStatus
from perinatal.pathways.entitlements import birth_date_of
from perinatal.pathways.models import Pregnancy

from . import guide, guide_content, guide_selectors
from .selectors import NotLinked, linked_pregnancies, own_family_get
from .tabs import Tab, family_tabs, tabs_for

family_tabs.register(
    "guide",
    Tab(order=60, url_name="parents:guide_family", label=gettext_lazy("Practical guide")),
)

# The services that help with each step are the same for everyone: kept a few minutes per
# language (an editor's change shows within them; decision 0039).
SERVICES_CACHE_SECONDS = 300

LINKS = {
    "kraamzorg_ask": ("kraamzorg:ask", gettext_lazy("Ask for kraamzorg on this site")),
    "kindboekje_order": ("booklets:parent_order", gettext_lazy("Order a Kindboekje")),
}
STATUS_LABELS = {
    guide.Status.DONE: pgettext_lazy("a step of the guide", "Done"),
    guide.Status.LATE: pgettext_lazy("a step of the guide", "Late"),
    guide.Status.NOW: pgettext_lazy("a step of the guide", "Now"),
    guide.Status.COMING: pgettext_lazy("a step of the guide", "Later"),
    guide.Status.PASSED: pgettext_lazy("a step of the guide", "Date passed"),
}


@dataclass
class ShownStep:
    key: str
    title: str
    text: str
    when: str
    services: list[Card]
    more_url: str
    links: list[tuple[str, str]]
    # for one family
    start: date | None = None
    end: date | None = None
    deadline: bool = False
    estimated: bool = False
    status: str = ""
    status_label: str = ""
    done_on: date | None = None


def _more_url(step: guide_content.Step) -> str:
    """The directory's search with the step's first need and phase (its form takes one)."""
    params = []
    if step.services.needs:
        params.append(f"need={step.services.needs[0]}")
    if step.services.phases:
        params.append(f"phase={step.services.phases[0]}")
    if step.services.programme:
        params.append("programme=on")
    return reverse("directory:search") + "?" + "&".join(params)


def _links(step: guide_content.Step, user: Any) -> list[tuple[str, str]]:
    """The platform's own pages for the step: for visitors and parents, who ask and order for
    themselves there (professionals refer from the family's page; the menu does the same)."""
    if user.is_authenticated and not is_parent(user):
        return []
    return [(reverse(LINKS[key][0]), str(LINKS[key][1])) for key in step.links]


def _shown_steps(user: Any) -> list[ShownStep]:
    lang = (get_language() or "nl")[:2]
    key = f"parents:guide:services:{lang}"
    services = cache.get(key)
    if services is None:
        services = guide_selectors.steps_services(guide_content.steps(), lang)
        cache.set(key, services, SERVICES_CACHE_SECONDS)
    return [
        ShownStep(
            key=step.key,
            title=step.title_in(lang),
            text=step.text_in(lang),
            when=guide.when_text(step.timing),
            services=services[step.key],
            more_url=_more_url(step),
            links=_links(step, user),
        )
        for step in guide_content.steps()
    ]


@public_page
def guide_index_view(request: HttpRequest) -> HttpResponse:
    families = list(linked_pregnancies(request.user)) if request.user.is_authenticated else []
    return render(
        request,
        "parents/guide.html",
        {"steps": _shown_steps(request.user), "families": families, "family": None},
    )


def _with_dates(shown: list[ShownStep], pregnancy: Pregnancy, today: date) -> None:
    birth_date = birth_date_of(pregnancy)
    done = guide_selectors.done_dates(pregnancy)
    by_key = {step.key: step for step in guide_content.steps()}
    for item in shown:
        step = by_key[item.key]
        dates = guide.step_dates(step.timing, due_date=pregnancy.due_date, birth_date=birth_date)
        done_on = done.get(step.tracked) if step.tracked else None
        status = guide.step_status(
            step.timing, dates, tracked=bool(step.tracked), done_on=done_on, today=today
        )
        item.start, item.end, item.estimated = dates.start, dates.end, dates.estimated
        item.deadline = step.timing.deadline
        item.status, item.status_label = status.value, str(STATUS_LABELS[status])
        item.done_on = done_on


def guide_family_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if user.requires_two_factor and not user.is_verified():
        return refused(request, _("Confirm your login with your second factor first."))
    try:
        pregnancy = own_family_get(
            user=user, public_id=public_id, purpose="practical guide", request=request
        )
    except (Pregnancy.DoesNotExist, NotLinked) as exc:
        raise Http404 from exc
    shown = _shown_steps(user)
    ended = pregnancy.status == PregnancyStatus.ENDED
    if not ended:
        _with_dates(shown, pregnancy, timezone.localdate())
    return render(
        request,
        "parents/guide.html",
        {
            "steps": shown,
            "family": pregnancy,
            "ended": ended,
            "birth_date": birth_date_of(pregnancy),
            "tabs": tabs_for(pregnancy),
            "current": "guide",
            "tabs_label": _("Our family"),
        },
    )
