"""The editors' sets of rows: phones, contacts, locations with their address, opening hours,
languages spoken and cost options, each a Django formset on the service's edit page (phones
also on the organisation's).

Every row carries the id of the stored row it shows (empty for a new row) and a Remove box.
A set posted unchanged asks for nothing; `rows()` gives what the service layer applies
(`directory/edit_sets.py`). A row whose id is not one of the owner's is refused, so a stale
or forged page stores nothing.
"""

from collections.abc import Iterable
from typing import Any, ClassVar, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .addresses import postcode_clean
from .constants import SERVICE_LANGUAGES, PhoneKind, Weekday
from .phones import PhoneNumberProblem, phone_for_editing, phone_normalise

MAX_ROWS = 50
# The language a text is written in, as a field's label says it ("Naam (Engels)").
LANG_LABELS = {
    "nl": pgettext_lazy("language of a text", "Dutch"),
    "fr": pgettext_lazy("language of a text", "French"),
    "en": pgettext_lazy("language of a text", "English"),
}


class PhoneField(forms.CharField):
    """A phone number as people write it, cleaned to E.164 (see `directory.phones`)."""

    widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "off", "inputmode": "tel"})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def clean_number(self, value: str, *, unchanged_from: str | None = None) -> str:
        """E.164; a stored number left exactly as it was shown is kept as it is stored."""
        if unchanged_from is not None and value == phone_for_editing(unchanged_from):
            return unchanged_from
        try:
            return phone_normalise(value)
        except PhoneNumberProblem as problem:
            raise forms.ValidationError(str(problem), code="phone") from problem


def _choices_with(choices: Iterable[tuple[str, Any]], stored: str) -> list[tuple[str, Any]]:
    """The choices, and a stored value they lack (an imported entry), so it is kept."""
    result = list(choices)
    if stored and stored not in {value for value, _label in result}:
        result.append((stored, stored))
    return result


def _translated(form: forms.Form, name: str, label, *, max_length: int, textarea=False) -> None:
    for lang, lang_label in LANG_LABELS.items():
        widget = forms.Textarea(attrs={"rows": 2}) if textarea else forms.TextInput()
        form.fields[f"{name}_{lang}"] = forms.CharField(
            label=_("%(field)s (%(language)s)") % {"field": label, "language": lang_label},
            required=False,
            max_length=max_length,
            widget=widget,
        )


class RowForm(forms.Form):
    """One row of a set: the stored row's id (empty: a new row) and its fields."""

    id = forms.CharField(required=False, widget=forms.HiddenInput)
    FIELDS: ClassVar[tuple[str, ...]] = ()

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.FIELDS}

    def _require_one(self, names: Iterable[str], message) -> None:
        if not any(self.cleaned_data.get(name) not in (None, "", []) for name in names):
            raise forms.ValidationError(message, code="empty_row")


class PhoneRowForm(RowForm):
    number = PhoneField(label=_("Number"), required=True)
    type = forms.ChoiceField(label=_("Kind"), choices=PhoneKind.choices, initial=PhoneKind.VOICE)
    description = forms.CharField(label=_("Description"), required=False, max_length=200)
    FIELDS = ("number", "type", "description")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["type"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _choices_with(PhoneKind.choices, self.initial.get("type", ""))

    def clean_number(self) -> str:
        field = self.fields["number"]
        assert isinstance(field, PhoneField)
        stored = self.initial.get("stored_number") if self.initial.get("needs_check") else None
        return field.clean_number(self.cleaned_data["number"], unchanged_from=stored)


class ContactRowForm(RowForm):
    name = forms.CharField(label=_("Name or desk"), required=False, max_length=200)
    title = forms.CharField(label=_("Title or role"), required=False, max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = PhoneField(label=_("Phone"), required=False)
    FIELDS = ("name", "title", "email", "phone")

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"]
        if not value:
            return ""
        field = self.fields["phone"]
        assert isinstance(field, PhoneField)
        stored = self.initial.get("stored_phone") if self.initial.get("needs_check") else None
        return field.clean_number(value, unchanged_from=stored)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            self._require_one(
                ("name", "title", "email", "phone"),
                _("Give the contact a name, an e-mail or a phone number, or tick Remove."),
            )
        return data


class LocationRowForm(RowForm):
    address_1 = forms.CharField(label=_("Street and number"), required=False, max_length=300)
    postal_code = forms.CharField(label=_("Postcode"), required=False, max_length=10)
    FIELDS = ("address_1", "postal_code", "city_nl", "city_fr", "city_en")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _translated(self, "city", _("Municipality"), max_length=100)

    def clean_postal_code(self) -> str:
        value = self.cleaned_data["postal_code"].strip()
        return postcode_clean(value) if value else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [name for name in self.FIELDS if (data.get(name) or "").strip()]
        if not given and not self.initial.get("has_address"):
            return data  # a location without an address (a virtual one) stays so
        if not (data.get("address_1") or "").strip():
            self.add_error("address_1", _("Give the street and number, or tick Remove."))
        if not data.get("postal_code") and "postal_code" not in self.errors:
            self.add_error("postal_code", _("Give the postcode."))
        if not any((data.get(f"city_{lang}") or "").strip() for lang in LANG_LABELS):
            self.add_error("city_nl", _("Give the municipality in at least one language."))
        return data


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class ScheduleRowForm(RowForm):
    days = forms.MultipleChoiceField(
        label=_("Days"),
        choices=Weekday.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opens_at = forms.TimeField(label=_("Opens at"), required=False, widget=TimeInput())
    closes_at = forms.TimeField(label=_("Closes at"), required=False, widget=TimeInput())
    FIELDS = ("days", "opens_at", "closes_at", "description_nl", "description_fr", "description_en")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _translated(self, "description", _("Note"), max_length=300)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if (opens is None) != (closes is None) and not self.errors:
            missing = "closes_at" if closes is None else "opens_at"
            self.add_error(missing, _("Give both the opening and the closing time."))
        elif opens is not None and closes is not None and closes <= opens:
            self.add_error("closes_at", _("The closing time must come after the opening time."))
        if not self.errors:
            self._require_one(
                ("days", "opens_at", "description_nl", "description_fr", "description_en"),
                _("Give the days and hours, or a note, or tick Remove."),
            )
        return data


class LanguageRowForm(RowForm):
    code = forms.ChoiceField(label=_("Language"))
    note = forms.CharField(label=_("Note"), required=False, max_length=200)
    FIELDS = ("code", "note")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ordered = sorted(SERVICE_LANGUAGES.items(), key=lambda item: item[1].casefold())
        field = self.fields["code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *_choices_with(ordered, self.initial.get("code", ""))]


class CostOptionRowForm(RowForm):
    amount = forms.DecimalField(
        label=_("Amount in euro"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        localize=True,
    )
    FIELDS = ("amount", "option_nl", "option_fr", "option_en")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _translated(self, "option", _("What it is for"), max_length=300)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            self._require_one(self.FIELDS, _("Give an amount or what it is for, or tick Remove."))
        return data


class RowSet(forms.BaseFormSet):
    """A set of rows of one owner: refuses rows that are not the owner's."""

    legend: ClassVar[Any] = ""
    row_label: ClassVar[Any] = ""
    unique: ClassVar[str] = ""  # a field no two rows may share

    def __init__(self, *args: Any, known: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.known = set(known)

    def clean(self) -> None:
        seen: set[Any] = set()
        for form in self.forms:
            data = form.cleaned_data or {}
            key = data.get("id") or ""
            if key and key not in self.known:
                raise forms.ValidationError(
                    _("A row of “%(set)s” no longer exists. Reload the page and try again."),
                    code="row_gone",
                    params={"set": self.legend},
                )
            value = data.get(self.unique) if self.unique else None
            if value and not data.get("DELETE"):
                if value in seen:
                    form.add_error(self.unique, _("This is already in another row."))
                seen.add(value)

    def rows(self) -> list[dict[str, Any]]:
        """What to apply: each changed, new or removed row (unchanged rows are left out)."""
        result = []
        for form in self.forms:
            data = form.cleaned_data or {}
            key = data.get("id") or ""
            delete = bool(data.get("DELETE"))
            if not key and (delete or not form.has_changed()):
                continue  # an empty new row, or a new row removed before it was saved
            if key and not delete and not form.has_changed():
                continue
            assert isinstance(form, RowForm)
            result.append({"id": key, "delete": delete, **form.values()})
        return result


def _rowset(form: type[RowForm], legend, row_label, unique: str = "") -> type[RowSet]:
    base = type(
        f"{form.__name__}Rows",
        (RowSet,),
        {"legend": legend, "row_label": row_label, "unique": unique},
    )
    formset = forms.formset_factory(
        form,
        formset=base,
        extra=1,
        can_delete=True,
        max_num=MAX_ROWS,
        validate_max=True,
        absolute_max=MAX_ROWS + 10,
    )
    return cast("type[RowSet]", formset)  # a subclass of `base`


PhoneSet = _rowset(PhoneRowForm, _("Phones"), _("Phone"))
ContactSet = _rowset(ContactRowForm, _("Contacts"), _("Contact"))
LocationSet = _rowset(LocationRowForm, _("Addresses"), _("Address"))
ScheduleSet = _rowset(ScheduleRowForm, _("Opening hours"), _("Opening hours"))
LanguageSet = _rowset(LanguageRowForm, _("Languages spoken"), _("Language"), unique="code")
CostOptionSet = _rowset(CostOptionRowForm, _("Prices"), _("Price"))
