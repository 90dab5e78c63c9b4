"""Admin for organisations, users and their second factor without its secret (the admin site
itself requires the second factor, see admin_site.py)."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Organisation, User
from .requests import logged_in_user
from .two_factor import second_factor_reset


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "recognition_number", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name", "recognition_number"]
    readonly_fields = ["public_id", "is_demo"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = [
        "username",
        "email",
        "role",
        "profession",
        "conventioned",
        "organisation",
        "is_active",
        "is_demo",
    ]
    list_filter = [
        "role",
        "profession",
        "conventioned",
        "is_active",
        "is_staff",
        "is_demo",
        "organisation__kind",
    ]
    search_fields = ["username", "email", "first_name", "last_name", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["is_demo", "last_login", "date_joined"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (
            gettext_lazy("Role"),
            {"fields": ("role", "organisation", "preferred_language", "is_demo")},
        ),
        (gettext_lazy("Profession"), {"fields": ("profession", "conventioned")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (gettext_lazy("Role"), {"fields": ("email", "role", "organisation")}),
        (gettext_lazy("Profession"), {"fields": ("profession", "conventioned")}),
    )


# --- Second factor: no secret in the admin ------------------------------------------------
# django-otp's TOTPDevice admin shows the key, and its `config/` and `qrcode/` views the QR
# code: anyone with the admin (or a stolen admin session) could clone a professional's second
# factor. This one lists the devices without the key, changes nothing, and offers only the
# reset (the user enrolls again at the next login), which is in the change log.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class SecondFactorAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user"]
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    actions = ["reset_second_factor"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a device is enrolled by its user, never typed in

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # only through the reset, which is logged

    def has_reset_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    @admin.action(
        description=gettext_lazy(
            "Reset the second factor (the user sets up the app again at the next login)"
        ),
        permissions=["reset"],
    )
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet[TOTPDevice]) -> None:
        users = User.objects.filter(pk__in=queryset.values("user"))
        for user in users:
            second_factor_reset(user=user, by=logged_in_user(request))
        self.message_user(
            request,
            _("Second factor reset for %(count)d user(s).") % {"count": len(users)},
            messages.SUCCESS,
        )
