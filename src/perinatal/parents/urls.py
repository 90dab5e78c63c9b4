"""The parents' own space, under /<lang>/my/."""

from django.urls import path

from .guide_views import guide_family_view

app_name = "parents"

urlpatterns: list = [
    path("<uuid:public_id>/guide/", guide_family_view, name="guide_family"),
]
