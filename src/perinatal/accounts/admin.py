"""Admin for organisations and users (the admin site itself requires the second factor,
see admin_site.py)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Organisation, User


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
        (_("Role"), {"fields": ("role", "organisation", "preferred_language", "is_demo")}),
        (_("Profession"), {"fields": ("profession", "conventioned")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Role"), {"fields": ("email", "role", "organisation")}),
        (_("Profession"), {"fields": ("profession", "conventioned")}),
    )
