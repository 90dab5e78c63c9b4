"""The editors' form for the areas a service serves, a section of the service edit page
(`templates/directory/_area_form.html`): regions and provinces ticked, municipalities typed
by name or postcode. Each value is checked against the reference list (`core.municipalities`).
"""

import re

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from perinatal.core.geography import AREAS, REGIONS
from perinatal.core.municipalities import find_place, municipality_by_code

from .areas import area_level, area_name
from .constants import AreaLevel
from .language_fallback import CONTENT_LANGUAGES

_SEPARATORS = re.compile(r"[,;\n]+")
MAX_MUNICIPALITIES_TEXT = 5000


class ServiceAreaForm(forms.Form):
    """Where the service is offered: the whole of a region, provinces, or municipalities."""

    prefix = "area"

    regions = forms.MultipleChoiceField(
        label=_("Area served: whole regions"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    provinces = forms.MultipleChoiceField(
        label=_("Area served: whole provinces"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipalities = forms.CharField(
        label=_("Area served: municipalities"),
        help_text=_("Names or postcodes, separated by commas, for example: Molenbeek, 1081"),
        required=False,
        max_length=MAX_MUNICIPALITIES_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        lang = _lang()
        regions = self.fields["regions"]
        provinces = self.fields["provinces"]
        assert isinstance(regions, forms.ChoiceField)  # noqa: S101 (declared just above)
        assert isinstance(provinces, forms.ChoiceField)  # noqa: S101
        regions.choices = [(r.nis, area_name(r.nis, lang)) for r in REGIONS]
        # In the order of the provinces' own names ("Province d'Anvers" under A).
        ordered = sorted(
            (a for a in AREAS if area_level(a.nis) == AreaLevel.PROVINCE),
            key=lambda area: getattr(area, f"name_{lang}"),
        )
        provinces.choices = [(a.nis, area_name(a.nis, lang)) for a in ordered]
        help_id = f"{self['municipalities'].auto_id}_help"
        self.fields["municipalities"].widget.attrs["aria-describedby"] = help_id

    def clean_municipalities(self) -> list[str]:
        codes: list[str] = []
        for part in _SEPARATORS.split(self.cleaned_data["municipalities"]):
            place = part.strip()
            if not place:
                continue
            found = find_place(place)
            if len(found) != 1:
                message = (
                    _("“%(place)s” is not a Belgian municipality or postcode we know.")
                    if not found
                    else _("“%(place)s” stands for several municipalities: %(names)s. Type one.")
                )
                names = ", ".join(m.name_in(_lang()) for m in found)
                raise forms.ValidationError(message % {"place": place[:100], "names": names})
            codes.append(found[0].nis)
        return list(dict.fromkeys(codes))

    def submitted(self) -> bool:
        """Whether the page's area section was posted (a browser always sends its text
        area): a post without it, from another client, leaves the areas as they are."""
        return self.add_prefix("municipalities") in self.data

    def codes(self) -> list[str]:
        """The NIS codes of every area ticked or typed (after `is_valid()`)."""
        data = self.cleaned_data
        return [*data["regions"], *data["provinces"], *data["municipalities"]]

    @staticmethod
    def initial_for(service) -> dict:
        codes = sorted(service.areas.values_list("nis", flat=True))
        levels = {code: area_level(code) for code in codes}
        lang = _lang()
        names = [
            m.name_in(lang)
            for m in (municipality_by_code(c) for c in codes if levels[c] == AreaLevel.MUNICIPALITY)
            if m
        ]
        return {
            "regions": [c for c in codes if levels[c] == AreaLevel.REGION],
            "provinces": [c for c in codes if levels[c] == AreaLevel.PROVINCE],
            "municipalities": ", ".join(sorted(names)),
        }


def _lang() -> str:
    lang = (get_language() or "nl")[:2]
    return lang if lang in CONTENT_LANGUAGES else "nl"
