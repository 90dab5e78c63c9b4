"""The forms of the analysts' dashboard: what to show (year, as-of date, publication mode,
the other modules per region or month), and reopening a final year with its reason."""

from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ..figures import BREAKDOWNS, BY_REGION


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


@dataclass(frozen=True)
class Choice:
    year: int
    as_of: date | None
    publication: bool
    by: str

    def query(self) -> dict[str, str]:
        """The choice as the dashboard's query string (for links and downloads)."""
        query = {"year": str(self.year)}
        if self.as_of:
            query["as_of"] = self.as_of.isoformat()
        if self.publication:
            query["publication"] = "1"
        if self.by != BY_REGION:
            query["by"] = self.by
        return query


class DashboardForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Work year"), coerce=int, required=False)
    as_of = forms.DateField(
        label=_("Figures as of"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty: the latest figures. A date shows the kraamzorg figures of that day."),
    )
    publication = forms.BooleanField(
        label=_("Publication mode"),
        required=False,
        help_text=_("Withhold small numbers, as for figures that are published."),
    )
    by = forms.ChoiceField(
        label=_("Other modules"), choices=list(BREAKDOWNS.items()), required=False
    )

    def __init__(self, *args: Any, years: list[int], default_year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["year"])  # declared so above
        field.choices = [(year, str(year)) for year in reversed(years)]
        field.initial = default_year
        self.default_year = default_year

    def choice(self) -> Choice:
        data = self.cleaned_data if self.is_bound else {}
        return Choice(
            year=data.get("year") or self.default_year,
            as_of=data.get("as_of"),
            publication=bool(data.get("publication")),
            by=data.get("by") or BY_REGION,
        )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required; it is kept in the year's log and in the change log."),
    )
