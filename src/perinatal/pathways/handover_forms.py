"""Forms of the hand-over pages: a hospital discharge and its transfer, an outreach contact's
screening proposal and the provider's answer. They parse what was typed; the services check
the rules (`services/discharges.py`, `services/outreach.py`)."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from perinatal.accounts.models import Organisation
from perinatal.core.constants import TEXT_MAX_LENGTH

from .constants import ProposalStatus
from .forms import _date, _note

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _moment(label, *, required: bool = True, help_text: Any = "") -> forms.DateTimeField:
    """A local date and time (Brussels), typed in the browser's date-time field."""
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
    )


class _OrganisationChoice(forms.ModelChoiceField):
    def __init__(self, label, queryset, **kwargs: Any) -> None:
        super().__init__(queryset=queryset, label=label, to_field_name="public_id", **kwargs)


class DischargeForm(forms.Form):
    discharged_at = _moment(_("Discharged at"))
    to_organisation = _OrganisationChoice(
        _("Transferred to (first line)"), Organisation.objects.none()
    )
    transferred_at = _moment(
        _("Transfer data sent at"),
        required=False,
        help_text=_("Leave empty if the transfer is not done yet; record it later."),
    )
    note = _note(_("Note"))

    def __init__(self, *args: Any, recipients: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["to_organisation"]).queryset = recipients


class TransferForm(forms.Form):
    transferred_at = _moment(_("Transfer data sent at"))


class OutreachForm(forms.Form):
    date = _date(_("Date of the outreach contact"), initial_today=True)
    to_organisation = _OrganisationChoice(
        _("Propose the screening to"), Organisation.objects.none()
    )
    note = _note(_("Note to the provider"))

    def __init__(self, *args: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["to_organisation"]).queryset = providers


class ProposalAnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Answer"),
        widget=forms.RadioSelect,
        choices=[
            (ProposalStatus.ACCEPTED.value, _("accept and screen")),
            (ProposalStatus.DECLINED.value, _("decline")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
