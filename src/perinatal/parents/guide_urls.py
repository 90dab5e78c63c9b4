"""The public practical guide of the first 1000 days, under /<lang>/guide/ (namespace `guide`).
The per-family version is in the parents' space: `parents:guide_family` (parents/urls.py)."""

from django.urls import path

from .guide_views import guide_index_view

app_name = "guide"

urlpatterns = [
    path("", guide_index_view, name="index"),
]
