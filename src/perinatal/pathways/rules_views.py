"""The rules in force on a day: every dated parameter of the programme and the entitlements,
its value on that day, its source and its history (public: rules hold no personal data)."""

import re
from datetime import date
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from perinatal.core.middleware import public_page
from perinatal.core.parameters import NotInForce, Parameter
from perinatal.pathways.extensions import record_extensions

from .entitlements import REGION_NAMES
from .parameters import all_parameters
from .providers import HEALTH_INSURANCE

AGE = re.compile(r"(\d+)([wm])")


def _item_shown(item: object) -> str:
    """One element of a list value in words: a region, "who is under the health insurance",
    an age of the timeline ("2w", "6m"), or a code of the project's lists by its label."""
    from perinatal.directory.templatetags.people import value_shown

    text = str(item)
    if text in REGION_NAMES:
        return str(REGION_NAMES[text])
    if text == HEALTH_INSURANCE:
        return gettext_now("a provider under the health insurance")
    age = AGE.fullmatch(text)
    if age:
        count = int(age.group(1))
        if age.group(2) == "w":
            return ngettext("%(count)s week", "%(count)s weeks", count) % {"count": count}
        return ngettext("%(count)s month", "%(count)s months", count) % {"count": count}
    return str(value_shown([text]))


def shown(value: Any) -> Any:
    """A rule's value as people read it (decision 0031): a yes or no, a list in words;
    numbers and dates as they are (the template writes them in the page's language)."""
    if isinstance(value, bool):
        return gettext_now("yes") if value else gettext_now("no")
    if isinstance(value, (list, tuple)):
        return ", ".join(_item_shown(item) for item in value)
    return value


# Other apps add their own rules (the Kindboekje procedure): `fn(day)` returns
# `{"title": str, "lines": [str], "parameters": [Parameter]}`.
def _steps(value: Any) -> bool:
    return isinstance(value, dict) and "steps" in value


def parameter_rows(parameters: list[Parameter], day: date) -> list[dict[str, Any]]:
    rows = []
    for parameter in parameters:
        try:
            value = parameter.on(day)
        except NotInForce:
            value = None
        history = [
            {"valid_from": v.valid_from, "steps": _steps(v.value), "value": shown(v.value)}
            for v in parameter.values
        ]
        rows.append(
            {
                "parameter": parameter,
                "value": value,
                "steps": _steps(value),
                "shown": shown(value),
                "in_force": value is not None,
                "history": history,
            }
        )
    return rows


def programme_region(day: date) -> dict[str, Any]:
    """The programme's region (an inference: docs/decisions/0025) on `day`, or the first one
    when not yet in force, and the date from which it holds."""
    regions = all_parameters()["programme.regions"]
    try:
        value, since = (
            regions.on(day),
            max(v.valid_from for v in regions.values if v.valid_from <= day),
        )
    except NotInForce:
        value, since = regions.values[0].value, regions.values[0].valid_from
    return {"names": ", ".join(str(REGION_NAMES.get(r, r)) for r in value), "since": since}


class OnForm(forms.Form):
    on = forms.DateField(
        label=_("Rules in force on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


@public_page
def rules_view(request: HttpRequest) -> HttpResponse:
    form = OnForm(request.GET or None)
    day: date = timezone.localdate()
    status = 200
    if form.is_bound:
        if form.is_valid():
            day = form.cleaned_data["on"] or day
        else:
            status = 400
    rows = parameter_rows(list(all_parameters().values()), day)
    sections = []
    for extension in record_extensions:
        if extension.rules is None:
            continue
        spec = extension.rules(day)
        sections.append({**spec, "rows": parameter_rows(spec["parameters"], day)})
    context = {
        "form": form,
        "day": day,
        "rows": rows,
        "sections": sections,
        "region": programme_region(day),
    }
    return render(request, "pathways/rules.html", context, status=status)


app_name = "rules"
urlpatterns = [path("", rules_view, name="in_force")]
