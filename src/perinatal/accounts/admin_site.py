"""The Django admin, open only to staff who passed the second factor in this session.

`PerinatalAdminConfig` replaces `django.contrib.admin` in INSTALLED_APPS, so `admin.site`
(used by every app's admin.py and by urls.py) is a `PerinatalAdminSite`. This module is imported
while the app registry loads: it must not import models.
"""

from urllib.parse import urlencode

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class PerinatalAdminSite(AdminSite):
    site_header = gettext_lazy("perinatal administration")
    site_title = gettext_lazy("perinatal administration")

    def has_permission(self, request: HttpRequest) -> bool:
        """Like django_otp.admin.OTPAdminSite: active staff with a verified second factor."""
        is_verified = getattr(request.user, "is_verified", None)
        return super().has_permission(request) and callable(is_verified) and is_verified()

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        """One way in: the site's login page (lockout, second factor), then back here."""
        if request.user.is_authenticated:
            return render(
                request,
                "core/message.html",
                {
                    "title": _("No access"),
                    "message": _("Your account has no access to the administration."),
                },
                status=403,
            )
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")


class PerinatalAdminConfig(AdminConfig):
    default = False
    default_site = "perinatal.accounts.admin_site.PerinatalAdminSite"
