"""The parents' own space, under /<lang>/my/."""

from django.urls import path  # noqa: F401  (the pages add themselves here)

from . import timeline_views

app_name = "parents"

urlpatterns: list = [
    *timeline_views.urlpatterns,
]
