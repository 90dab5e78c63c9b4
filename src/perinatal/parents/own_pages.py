"""What the pages of a family in the parents' space share: load the family for a linked
parent (the read logged on the basis "own record"), or answer 404 alike for a family that
does not exist and one the parent is not linked to. `own_family_page` loads the family for
the view; `parent_required` also refuses (403) anyone signed in who is not a parent, for
views that load the family themselves."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from perinatal.accounts.roles import is_parent
from perinatal.audit.models import AccessAction
from perinatal.core.pages import refused
from perinatal.pathways.models import Pregnancy

from .selectors import OWN_RECORD, NotLinked, own_family_get

__all__ = ["OWN_RECORD", "own_family_page", "parent_required"]


def own_family_page(purpose: str) -> Callable:
    """Call `view(request, pregnancy, **rest)` with the family of the URL's `public_id`."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, public_id: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            try:
                pregnancy = own_family_get(
                    user=request.user,
                    public_id=public_id,
                    purpose=purpose,
                    request=request,
                    action=AccessAction.READ,
                )
            except (Pregnancy.DoesNotExist, NotLinked) as exc:
                raise Http404 from exc
            return view(request, pregnancy, **kwargs)

        return wrapper

    return decorate


def parent_required(view: Callable) -> Callable:
    """A logged-in parent; anyone else is refused (403), the anonymous sent to log in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_parent(request.user):
            return refused(request, _("Only parents open their family's own pages."))
        try:
            return view(request, *args, **kwargs)
        except (Pregnancy.DoesNotExist, NotLinked) as exc:
            raise Http404 from exc

    return wrapper
