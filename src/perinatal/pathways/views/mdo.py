"""A multidisciplinary consultation (MDO) and its participants:
`/families/<pregnancy>/mdo/<service>/` (`pathways:mdo`). Every member of the care team who may
see the record sees who took part; the organisation that recorded it names the participants
among the current care team (`services.mdo`)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perinatal.accounts.requests import logged_in_user
from perinatal.core.pages import attempt, posted, status_of
from perinatal.pathways.pages import family_page

from ..access import Grant
from ..constants import ProgrammeServiceKind
from ..models import CareTeamMember, Pregnancy
from ..services import mdo as mdo_services


def member_label(member: CareTeamMember) -> str:
    """The organisation, and its named professional when there is one."""
    if member.professional is None:
        return str(member.organisation)
    name = member.professional.get_full_name() or member.professional.get_username()
    return f"{member.organisation} — {name}"


class ParticipantForm(forms.Form):
    member = forms.TypedChoiceField(
        label=gettext_lazy("Participant from the care team"), coerce=int
    )

    def __init__(self, *args: Any, members: list[CareTeamMember], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.members = {member.pk: member for member in members}
        field = self.fields["member"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(m.pk, member_label(m)) for m in members]


@family_page("see a multidisciplinary consultation")
def mdo_view(
    request: HttpRequest, pregnancy: Pregnancy, grant: Grant, service_id: Any
) -> HttpResponse:
    mdo = pregnancy.programme_services.filter(
        public_id=service_id, kind=ProgrammeServiceKind.MDO
    ).first()
    if mdo is None:
        raise Http404
    named = list(
        mdo.named_participants.select_related("member__organisation", "member__professional")
    )
    taken = {p.member_id for p in named}
    members = [
        m
        for m in pregnancy.team.filter(ended_at__isnull=True).select_related(
            "organisation", "professional"
        )
        if m.pk not in taken
    ]
    user = logged_in_user(request)
    may_name = mdo.organisation_id == user.organisation_id and members
    form = ParticipantForm(posted(request), members=members) if may_name else None
    if request.method == "POST" and form is not None and form.is_valid():
        added = attempt(
            form,
            lambda: mdo_services.mdo_participant_add(
                by=user,
                grant=grant,
                mdo=mdo,
                member=form.members[form.cleaned_data["member"]],
                request=request,
            ),
        )
        if added is not None:
            messages.success(
                request, _("%(member)s took part.") % {"member": member_label(added.member)}
            )
            return redirect("pathways:mdo", public_id=pregnancy.public_id, service_id=mdo.public_id)
    return render(
        request,
        "pathways/mdo.html",
        {
            "pregnancy": pregnancy,
            "mdo": mdo,
            "participants": [member_label(p.member) for p in named],
            "form": form,
        },
        status=status_of(form),
    )
