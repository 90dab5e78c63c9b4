"""Placeholder views; replaced by the accounts work."""

from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("todo", status=501)


login_view = logout_view = two_factor_view = two_factor_setup_view = _todo
password_reset_view = password_reset_done_view = password_reset_confirm_view = _todo
password_reset_complete_view = home_view = _todo
