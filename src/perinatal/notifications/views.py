"""The inbox at /<lang>/notifications/: the list (newest first), opening an item (marks it
read and goes to the page where it is handled), mark read, mark all read; and the e-mail
preferences at /<lang>/notifications/settings/."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .models import Notification


def _own(request: HttpRequest, public_id: UUID) -> Notification:
    try:
        return selectors.notification_for(request.user, public_id)
    except Notification.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def inbox_view(request: HttpRequest) -> HttpResponse:
    before = _uuid_or_none(request.GET.get("before", ""))
    page = selectors.inbox(request.user, before=before)
    items = [
        {
            "notification": notification,
            "label": selectors.label_of(notification),
            "text": selectors.text_of(notification),
        }
        for notification in page.items
    ]
    return render(
        request,
        "notifications/inbox.html",
        {"items": items, "older": page.older, "paged": before is not None},
    )


def _uuid_or_none(value: str) -> UUID | None:
    try:
        return UUID(value)
    except ValueError:
        return None


@login_required
def open_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Marks the item read and goes to its page (the link of the inbox and of the e-mail)."""
    notification = _own(request, public_id)
    services.notification_read(by=request.user, notification=notification)
    link = selectors.link_of(notification)
    if link is None:
        messages.info(request, _("The page of this notification no longer exists."))
        return redirect("notifications:inbox")
    return redirect(link)


@login_required
@require_POST
def read_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    services.notification_read(by=request.user, notification=_own(request, public_id))
    return redirect("notifications:inbox")


@login_required
@require_POST
def all_read_view(request: HttpRequest) -> HttpResponse:
    services.notifications_all_read(by=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:inbox")


@login_required
def preferences_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.email_preferences_save(by=request.user, chosen=request.POST.getlist("by_email"))
        messages.success(request, _("Your e-mail choices are saved."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"preferences": selectors.email_preferences(request.user)},
    )
