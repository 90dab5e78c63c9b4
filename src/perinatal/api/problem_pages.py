"""`/api/v1/problems/` and `/api/v1/problems/<slug>`: the documentation of each problem type,
the address its problems name as their `type` (`api/problems.py`), in the reader's language.
An unknown type is a 404 problem (`api/middleware.py`)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from perinatal.core.middleware import public_page

from .problems import COMMON_MEMBERS, PROBLEM_TYPES


@public_page
@require_safe
def problem_types(request: HttpRequest) -> HttpResponse:
    return render(request, "api/problem_types.html", {"types": PROBLEM_TYPES.values()})


@public_page
@require_safe
def problem_type(request: HttpRequest, slug: str) -> HttpResponse:
    kind = PROBLEM_TYPES.get(slug)
    if kind is None:
        raise Http404(slug)
    context = {"kind": kind, "common": COMMON_MEMBERS}
    return render(request, "api/problem_type.html", context)
