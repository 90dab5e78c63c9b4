"""A small URLconf for the core middleware tests: a public page, a private page, a logging page."""

import logging

from django.http import HttpRequest, HttpResponse
from django.urls import path

from perinatal.core.middleware import public_page

logger = logging.getLogger("perinatal.tests")


@public_page
def public_view(request: HttpRequest) -> HttpResponse:
    status = int(request.GET.get("status", "200"))
    return HttpResponse("public", status=status)


def private_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("private")


def logging_view(request: HttpRequest) -> HttpResponse:
    logger.warning("something worth a log line")
    return HttpResponse("logged")


urlpatterns = [
    path("public/", public_view, name="public"),
    path("private/", private_view, name="private"),
    path("log/", logging_view, name="log"),
]
