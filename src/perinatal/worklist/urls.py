"""The home page of each role, at /<lang>/work/."""

from django.urls import path

from . import views

app_name = "worklist"

urlpatterns = [path("", views.home_view, name="home")]
