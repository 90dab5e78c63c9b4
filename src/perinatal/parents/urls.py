"""The parents' own space, under /<lang>/my/."""

from django.urls import path  # noqa: F401  (the pages add themselves here)

app_name = "parents"

urlpatterns: list = []
