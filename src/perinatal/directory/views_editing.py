"""The editors' desk (finding entries, verifying several at once) and an organisation's page.

The service's own edit page is `views.service_edit_view`. Views only parse input, call a
selector or a service, and render.
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from perinatal.audit.selectors import changes_for

from . import selectors, services
from .edit_set_pages import organization_sets
from .edit_sets import RowGone
from .forms_desk import DeskForm, OrganizationEditForm, VerifySelectedForm
from .language_fallback import current_language
from .models import Organization
from .search import selectors as search_selectors
from .views import ROW_GONE, editor_required

DESK_PAGE_SIZE = 25


@editor_required
def editor_queue_view(request: HttpRequest) -> HttpResponse:
    """The desk: open reports, then the entries, found by name, filtered and sorted, a page at
    a time, with boxes to verify several at once."""
    form = DeskForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # a bad filter is named on its field; the valid ones still apply
    found = form.cleaned_data if form.is_bound else {}
    text, show = found.get("q", ""), found.get("show", "")
    order = found.get("order") or "name"
    entries = selectors.services_for_desk(
        text=text,
        show=show,
        order=order,
        lang=current_language(),
        max_age_days=settings.DIRECTORY_VERIFICATION_MAX_AGE_DAYS,
    )
    page = Paginator(entries, DESK_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "directory/editor_queue.html",
        {
            "reports": selectors.reports_open(),
            "form": form if form.is_bound else DeskForm(),
            "page": page,
            "query_string": params.urlencode(),
            "filtered": bool(text or show),
            "open_questions": search_selectors.questions_open_count(),
        },
    )


@editor_required
def services_verify_view(request: HttpRequest) -> HttpResponse:
    """Mark the ticked entries as verified today; back to the desk page they were ticked on."""
    if request.method != "POST":
        return redirect("directory:editor_queue")
    back = request.POST.get("back", "")
    if not back.startswith(reverse("directory:editor_queue")) or not (
        url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    ):
        back = reverse("directory:editor_queue")
    form = VerifySelectedForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("service", []):
            messages.error(request, str(error))
        return redirect(back)
    count = services.services_verify(service_ids=form.cleaned_data["service"], by=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s entry marked as verified today.",
            "%(count)s entries marked as verified today.",
            count,
        )
        % {"count": count},
    )
    return redirect(back)


@editor_required
def organization_edit_view(request: HttpRequest, organization_id) -> HttpResponse:
    try:
        organization = selectors.organization_get(organization_id)
    except Organization.DoesNotExist as exc:
        raise Http404 from exc
    data = request.POST if request.method == "POST" else None
    if data is None:
        form = OrganizationEditForm(initial=OrganizationEditForm.initial_for(organization))
    else:
        form = OrganizationEditForm(data)
    sets = organization_sets(organization, data)
    failed = False
    if data is not None and not sets.adding:
        if form.is_valid() and sets.is_valid():
            cleaned = dict(form.cleaned_data)
            reason = cleaned.pop("reason", "")
            try:
                changes = services.organization_edit(
                    organization=organization,
                    data=cleaned,
                    sets=sets.rows(),
                    by=request.user,
                    reason=reason,
                )
            except RowGone:
                messages.error(request, ROW_GONE)
                return redirect("directory:organization_edit", organization_id=organization.id)
            messages.success(
                request, _("Saved: %(count)s field(s) changed.") % {"count": len(changes)}
            )
            return redirect("directory:organization_edit", organization_id=organization.id)
        failed = True
    return render(
        request,
        "directory/organization_edit.html",
        {
            "organization": organization,
            "form": form,
            "sets": sets,
            "failed": failed,
            "history": changes_for(organization)[:50],
        },
        status=400 if failed else 200,
    )
