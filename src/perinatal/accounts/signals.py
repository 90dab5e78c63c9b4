"""What happens at every login, whatever the path (login page, admin, test client)."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from . import lockout
from .middleware import SESSION_SEEN, SESSION_STARTED
from .models import User


@receiver(user_logged_in, dispatch_uid="perinatal_accounts_session_start")
def start_session_clock(sender: type, request: HttpRequest | None, user: User, **kwargs) -> None:
    """The absolute session timeout counts from the login, not from an earlier session."""
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[SESSION_STARTED] = now
    request.session[SESSION_SEEN] = now
    if not user.requires_two_factor:
        # A parent's login is complete after the password; professionals reset on the code.
        lockout.reset_failures(request, user.get_username())
