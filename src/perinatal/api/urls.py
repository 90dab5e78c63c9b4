"""The URLs of `/api/v1/`: the cached OpenAPI document, the pages of the problem types, then
every operation of the API."""

from django.urls import path

from . import problem_pages, views
from .v1 import api

urlpatterns = [
    path("openapi.json", views.openapi_json, name="api-openapi"),  # before Ninja's own
    path("problems/", problem_pages.problem_types, name="api-problem-types"),
    path("problems/<slug:slug>", problem_pages.problem_type, name="api-problem-type"),
    path("", api.urls),
]
