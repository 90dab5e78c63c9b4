"""The home page a login lands on (`/<lang>/work/`): the user's work list, built by
`selectors.home_for`. A professional who has not passed the second factor is sent to it
(the middleware does); the account page stays at `/<lang>/account/`."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from perinatal.accounts import roles
from perinatal.accounts.requests import logged_in_user

from .selectors import home_for


@login_required
@require_safe
def home_view(request: HttpRequest) -> HttpResponse:
    user = logged_in_user(request)
    today = timezone.localdate()
    home = home_for(user=user, on=today, request=request)
    context = {"home": home, "today": today, "account": user}
    if roles.is_parent(user):  # a parent links to the family's record with a code (decision 0035)
        context["link_family_url"] = reverse("parents:link")
    return render(request, "worklist/home.html", context)
