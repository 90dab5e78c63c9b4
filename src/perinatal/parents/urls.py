"""The parents' own space, under /<lang>/my/."""

from django.urls import path

from . import link_views

app_name = "parents"

urlpatterns: list = [
    # Linking a parent to a family's record (decision 0035).
    path("link/", link_views.link_view, name="link"),
    path("<uuid:public_id>/unlink/", link_views.unlink_view, name="unlink"),
    path("links/<uuid:public_id>/", link_views.family_links_view, name="family_links"),
]
