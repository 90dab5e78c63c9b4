"""The pages of linking a parent to a family's record (decision 0035).

- The care team's page of a family's parents (`parents:family_links`, from the family page's
  "Code for a parent"): the parents linked, each with a button to unlink them, the codes given
  and not used yet, and the button that makes a new code. The new code is shown once, on the
  answer to that POST, in a layout made to be printed and handed over.
- The parent's page (`parents:link`, from the parent's home and account page): the code and
  the mother's date of birth; the families the parent is linked to, each with a way to unlink.
- The parent's confirmation to unlink (`parents:unlink`).
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from perinatal.accounts.requests import logged_in_user
from perinatal.accounts.roles import is_parent
from perinatal.core.pages import posted, refused
from perinatal.core.refusals import InvalidInput, NoAccess
from perinatal.pathways.access import Grant
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.pages import family_page
from perinatal.pathways.selectors import pregnancy_get

from . import link_selectors, linking
from .link_forms import EndLinkForm, LinkForm
from .link_tries import TooManyTries
from .models import ParentLink
from .selectors import NotLinked, own_family_get
from .services.linking import (
    TEAM_BASES,
    AlreadyLinked,
    NotLinkedError,
    link_code_issue,
    link_end,
    link_redeem,
)


def _team_only(request: HttpRequest) -> HttpResponse:
    return refused(
        request, _("Only the family's care team can give a parent a code or unlink a parent.")
    )


def sheet_language(pregnancy: Pregnancy) -> str:
    """The language of the sheet handed to the parent: the family's first language the
    platform speaks, else the page's."""
    spoken = {code for code, _name in settings.LANGUAGES}
    return next(
        (code for code in pregnancy.languages if code in spoken), translation.get_language()
    )


def _parent_name(link: ParentLink) -> str:
    return link.user.get_full_name() or link.user.get_username()


@require_http_methods(["GET", "POST"])
@family_page("parents linked to the family")
def family_links_view(request: HttpRequest, pregnancy: Pregnancy, grant: Grant) -> HttpResponse:
    acts_for_team = grant.basis in TEAM_BASES
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "issue":
        try:
            issued = link_code_issue(pregnancy=pregnancy, by=request.user, request=request)
        except NoAccess:
            return _team_only(request)
        except InvalidInput as exc:
            for errors in exc.message_dict.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("parents:family_links", public_id=pregnancy.public_id)
        language = sheet_language(pregnancy)
        with translation.override(language):
            link_url = request.build_absolute_uri(reverse("parents:link"))
        return render(
            request,
            "parents/link_code.html",
            {
                "pregnancy": pregnancy,
                "code": issued.shown,
                "link_code": issued.link_code,
                "link_url": link_url,
                "sheet_language": language,
            },
        )
    if action == "end":
        form = EndLinkForm(request.POST)
        if form.is_valid():
            try:
                link = link_selectors.family_link_get(pregnancy, form.cleaned_data["link"])
            except ParentLink.DoesNotExist:
                messages.info(request, _("This parent is no longer linked to the family."))
                return redirect("parents:family_links", public_id=pregnancy.public_id)
            try:
                link_end(link=link, by=request.user, request=request)
            except NoAccess:
                return _team_only(request)
            messages.success(
                request,
                _("%(name)s is no longer linked to this family.") % {"name": _parent_name(link)},
            )
        return redirect("parents:family_links", public_id=pregnancy.public_id)
    return render(
        request,
        "parents/family_links.html",
        {
            "pregnancy": pregnancy,
            "acts_for_team": acts_for_team,
            "links": list(link_selectors.family_links(pregnancy)),
            "codes": list(link_selectors.open_codes(pregnancy)),
            "valid_days": linking.valid_days(timezone.localdate()),
        },
    )


def _after_linking(pregnancy: Pregnancy) -> HttpResponse:
    """The family's page in the parents' space when it exists, else the parent's home."""
    try:
        return redirect(reverse("parents:family", args=[pregnancy.public_id]))
    except NoReverseMatch:
        return redirect("worklist:home")


def _parents_only(request: HttpRequest) -> HttpResponse:
    return refused(request, _("Only a parent's account links to a family's record."))


@login_required
@require_http_methods(["GET", "POST"])
def link_view(request: HttpRequest) -> HttpResponse:
    user = logged_in_user(request)
    if not is_parent(user):
        return _parents_only(request)
    form = LinkForm(posted(request))
    status = 200
    response_headers: dict[str, str] = {}
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                link = link_redeem(
                    user=user,
                    code=data["code"],
                    mother_birth_date=data["mother_birth_date"],
                    request=request,
                )
            except NotLinkedError as exc:
                form.add_error(None, exc.user_message())
                status = 422
            except AlreadyLinked:
                form.add_error(None, _("Your account is already linked to this family."))
                status = 422
            except TooManyTries as exc:
                form.add_error(None, exc.user_message())
                status = 429
                response_headers["Retry-After"] = str(exc.retry_after)
            except InvalidInput as exc:
                form.add_error("code", exc.message_dict.get("code", []))
            else:
                name = link.pregnancy.mother.full_name
                messages.success(
                    request,
                    _("Your account is linked to the record of the family of %(name)s.")
                    % {"name": name}
                    if name
                    else _("Your account is linked to your family's record."),
                )
                return _after_linking(link.pregnancy)
    response = render(
        request,
        "parents/link.html",
        {
            "form": form,
            "links": link_selectors.parent_links(user=user, request=request),
        },
        status=status,
    )
    for name, value in response_headers.items():
        response[name] = value
    return response


@login_required
@require_http_methods(["GET", "POST"])
def unlink_view(request: HttpRequest, public_id: Any) -> HttpResponse:
    user = logged_in_user(request)
    if not is_parent(user):
        return _parents_only(request)
    try:
        if request.method == "POST":  # the link's end writes the access-log row
            link = link_selectors.own_link_get(user, pregnancy_get(public_id))
            link_end(link=link, by=user, request=request)
        else:
            pregnancy = own_family_get(
                user=user,
                public_id=public_id,
                purpose="confirm unlinking from the family's record",
                request=request,
            )
            link = link_selectors.own_link_get(user, pregnancy)
    except (Pregnancy.DoesNotExist, NotLinked, ParentLink.DoesNotExist) as exc:
        raise Http404 from exc
    if request.method == "POST":
        messages.success(
            request,
            _(
                "Your account is no longer linked to this family's record. The care team can give you a new code."
            ),
        )
        return redirect("parents:link")
    return render(request, "parents/unlink.html", {"pregnancy": pregnancy, "link": link})
