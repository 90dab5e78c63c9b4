"""The site's URLconf for the failure tests, with pages that fail on purpose: under a language
prefix (/fr/broken/), without one (/plain/broken/), and one whose database is unavailable."""

from django.conf.urls.i18n import i18n_patterns
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from perinatal.urls import handler500
from perinatal.urls import urlpatterns as site

SECRET = "secret detail of the failure 85.07.30-033.28"


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(SECRET)


def database_down(request: HttpRequest) -> HttpResponse:
    raise OperationalError(f"connection to server at 127.0.0.1, port 1 failed: {SECRET}")


urlpatterns = [
    *i18n_patterns(path("broken/", broken), path("database-down/", database_down)),
    path("plain/broken/", broken),
    *site,
]

__all__ = ["handler500", "urlpatterns"]
