"""Admin for the screening catalogue only: an administrator adds a new dated version without
code (the admin site itself requires the second factor, see accounts/admin_site.py).

A version must hold 13 indicators of which 8 are inclusion criteria, and its sources
(`catalogue.INDICATORS`, `catalogue.INCLUSION_CRITERIA`, seed 002). A version already used by
a screening is read-only and cannot be deleted: add a new version instead. Persons,
pregnancies and the rest of the family record are deliberately not registered here —
administrators never see a person (docs/decisions/0006-family-record-access.md).
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import catalogue
from .models import Indicator, IndicatorCatalogue, Screening


def catalogue_in_use(version: IndicatorCatalogue | None) -> bool:
    """Whether a screening was recorded with this version (it is then history)."""
    return bool(version and version.pk) and Screening.objects.filter(catalogue=version).exists()


class IndicatorCatalogueForm(forms.ModelForm):
    class Meta:
        model = IndicatorCatalogue
        fields = ["version", "valid_from", "sources", "notes"]

    def clean_sources(self) -> str:
        sources = self.cleaned_data.get("sources", "").strip()
        if not sources:
            raise forms.ValidationError(_("Name the sources of this version."))
        return sources

    def clean_valid_from(self):
        valid_from = self.cleaned_data.get("valid_from")
        if valid_from is None:
            return valid_from
        later = Screening.objects.filter(date__gte=valid_from)
        if self.instance.pk:
            later = later.exclude(catalogue=self.instance)
        if later.exists():
            raise forms.ValidationError(
                _(
                    "Screenings dated on or after %(day)s were recorded with another version; "
                    "a new version starts after them."
                )
                % {"day": valid_from.isoformat()}
            )
        return valid_from


class IndicatorFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        problems = []
        if len(kept) != catalogue.INDICATORS:
            problems.append(
                _("A version holds %(expected)d indicators, not %(count)d.")
                % {"expected": catalogue.INDICATORS, "count": len(kept)}
            )
        inclusion = sum(1 for data in kept if data.get("is_inclusion_criterion"))
        if inclusion != catalogue.INCLUSION_CRITERIA:
            problems.append(
                _("%(expected)d of the indicators are inclusion criteria, not %(count)d.")
                % {"expected": catalogue.INCLUSION_CRITERIA, "count": inclusion}
            )
        codes = [data.get("code") for data in kept]
        if len(set(codes)) != len(codes):
            problems.append(_("Each indicator needs its own code."))
        positions = [data.get("position") for data in kept]
        if len(set(positions)) != len(positions):
            problems.append(_("Each indicator needs its own position."))
        if problems:
            raise forms.ValidationError(problems)


class IndicatorInline(admin.TabularInline):
    model = Indicator
    formset = IndicatorFormSet
    fields = [
        "position",
        "code",
        "label_nl",
        "label_fr",
        "label_en",
        "is_inclusion_criterion",
        "source",
    ]
    ordering = ["position"]

    def get_extra(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> int:
        return 0 if obj is not None else catalogue.INDICATORS

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_add_permission(request, obj) and not catalogue_in_use(obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and not catalogue_in_use(obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and not catalogue_in_use(obj)


@admin.register(IndicatorCatalogue)
class IndicatorCatalogueAdmin(admin.ModelAdmin):
    form = IndicatorCatalogueForm
    inlines = [IndicatorInline]
    list_display = ["version", "valid_from", "indicator_count", "in_use"]
    ordering = ["-valid_from"]
    search_fields = ["version"]

    @admin.display(description=gettext_lazy("indicators"))
    def indicator_count(self, obj: IndicatorCatalogue) -> int:
        return obj.indicators.count()

    @admin.display(description=gettext_lazy("used by screenings"), boolean=True)
    def in_use(self, obj: IndicatorCatalogue) -> bool:
        return catalogue_in_use(obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and not catalogue_in_use(obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and not catalogue_in_use(obj)
