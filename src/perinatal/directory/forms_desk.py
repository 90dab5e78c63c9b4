"""The editors' forms beyond a service: an organisation's page and the desk (finding entries,
verifying several at once)."""

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms_editing import LANG_LABELS
from .selectors import DESK_ORDERS, DESK_SHOWS

MAX_SELECTED = 200


class OrganizationEditForm(forms.Form):
    """An editor's correction of one organisation, in every language."""

    website = forms.URLField(
        label=_("Website"), required=False, max_length=500, assume_scheme="https"
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    reason = forms.CharField(
        label=_("Reason for the change (kept in the history)"), required=False, max_length=500
    )

    TEXT_FIELDS = (("name", _("Name"), True, 300), ("description", _("Description"), False, 5000))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        texts = {}
        for name, label, is_short, limit in self.TEXT_FIELDS:
            for lang, lang_label in LANG_LABELS.items():
                widget = forms.TextInput() if is_short else forms.Textarea(attrs={"rows": 3})
                texts[f"{name}_{lang}"] = forms.CharField(
                    label=_("%(field)s (%(language)s)") % {"field": label, "language": lang_label},
                    required=False,
                    widget=widget,
                    max_length=limit,
                )
        # The names and descriptions first, as on the service's page.
        self.fields = {**texts, **self.fields}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for lang in ("nl", "fr"):
            if not (data.get(f"name_{lang}") or "").strip() and f"name_{lang}" not in self.errors:
                self.add_error(
                    f"name_{lang}", _("An organisation needs a name in Dutch and in French.")
                )
        return data

    @classmethod
    def initial_for(cls, organization) -> dict[str, Any]:
        initial = {"website": organization.website, "email": organization.email}
        for name, _label, _short, _limit in cls.TEXT_FIELDS:
            for lang in LANG_LABELS:
                initial[f"{name}_{lang}"] = getattr(organization, f"{name}_{lang}") or ""
        return initial


SHOW_LABELS = {
    "never": _("Never verified"),
    "stale": _("Verified more than 12 months ago"),
    "reports": _("With open reports"),
    "no_phone": _("Without a phone number"),
    "no_address": _("Without an address"),
    "no_english": _("Without English text"),
    "phone_check": _("With a phone number to check"),
}
ORDER_LABELS = {"name": _("Name"), "verified": _("Last verified (oldest first)")}


class DeskForm(forms.Form):
    """Finding entries on the desk: words of a name, a filter, an order."""

    q = forms.CharField(
        label=_("Name of the service or organisation"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("All entries")), *((key, SHOW_LABELS[key]) for key in DESK_SHOWS)],
    )
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(key, ORDER_LABELS[key]) for key in DESK_ORDERS],
    )


class _ServiceIds(forms.Field):
    """Ids of services ticked on a page (each box posts one)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[uuid.UUID]:
        if not value:
            return []
        try:
            return list(dict.fromkeys(uuid.UUID(str(item)) for item in value))
        except ValueError as exc:
            raise forms.ValidationError(
                _("The page sent an entry that does not exist. Reload it and try again."),
                code="invalid",
            ) from exc

    def validate(self, value: list[uuid.UUID]) -> None:
        super().validate(value)
        if len(value) > MAX_SELECTED:
            raise forms.ValidationError(
                _("Verify at most %(max)d entries at once."),
                code="too_many",
                params={"max": MAX_SELECTED},
            )


class VerifySelectedForm(forms.Form):
    """The entries ticked on the desk, to mark as verified today."""

    service = _ServiceIds(
        error_messages={"required": _("Tick the entries you checked first.")},
    )
