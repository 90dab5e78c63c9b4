"""The URLs of `/api/v1/`: the cached OpenAPI document, then every operation of the API."""

from django.urls import path

from . import views
from .v1 import api

urlpatterns = [
    path("openapi.json", views.openapi_json, name="api-openapi"),  # before Ninja's own
    path("", api.urls),
]
