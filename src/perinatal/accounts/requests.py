"""The user of a page request, as the type checker should see it.

Django types `request.user` as `User | AnonymousUser`. A view that has already checked the
login (`login_required`, `care_professional_required`, a page decorator of its app) takes
the user with `logged_in_user(request)` instead of casting it in place."""

from typing import cast

from django.http import HttpRequest

from .models import User


def logged_in_user(request: HttpRequest) -> User:
    """`request.user` of a request whose login the view has checked."""
    return cast(User, request.user)
