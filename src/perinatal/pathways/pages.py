"""What every professionals' page on the family record shares: who may open it, how the
family is loaded (only through `selectors.pregnancy_for_user`, which writes the access-log
row). How a service's refusal is put back on the form is `core/pages.py`.

- not logged in → the login page;
- not a care professional, or the second factor not passed in this session → 403;
- a family that does not exist → 404; one the user may not see → 403, offering emergency
  access ("break the glass");
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_care_professional
from perinatal.audit.models import AccessAction
from perinatal.core.pages import refused
from perinatal.core.refusals import NoAccess

from . import selectors
from .forms import EmergencyForm
from .models import Pregnancy


def to_family(pregnancy: Pregnancy, anchor: str = "") -> HttpResponse:
    """Back to the family page (at a section)."""
    response = redirect("pathways:pregnancy", public_id=pregnancy.public_id)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def care_professional_required(view: Callable) -> Callable:
    """A logged-in care professional who passed the second factor in this session."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_care_professional(user):
            return refused(request, _("Only care professionals can open the family records."))
        if not user.is_verified():
            return refused(request, _("Confirm your login with your second factor first."))
        return view(request, *args, **kwargs)

    return wrapper


def family_page(purpose: str) -> Callable:
    """Load the family of the URL's `public_id` for the user (logging the access under
    `purpose`) and call `view(request, pregnancy, grant, **rest)`."""

    def decorate(view: Callable) -> Callable:
        @care_professional_required
        @wraps(view)
        def wrapper(request: HttpRequest, public_id: Any, **kwargs: Any) -> HttpResponse:
            try:
                pregnancy, grant = selectors.pregnancy_for_user(
                    user=request.user,
                    public_id=public_id,
                    purpose=purpose,
                    request=request,
                    action=AccessAction.READ,
                )
            except Pregnancy.DoesNotExist as exc:
                raise Http404 from exc
            except NoAccess:
                return no_access(request, public_id)
            return view(request, pregnancy, grant, **kwargs)

        return wrapper

    return decorate


def no_access(request: HttpRequest, public_id: Any) -> HttpResponse:
    """403 for a family the user may not see: no personal data, the emergency access form."""
    return render(
        request,
        "pathways/no_access.html",
        {"public_id": public_id, "form": EmergencyForm()},
        status=403,
    )
