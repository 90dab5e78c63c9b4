from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox_view, name="inbox"),
    path("settings/", views.preferences_view, name="preferences"),
    path("read-all/", views.all_read_view, name="all_read"),
    path("<uuid:public_id>/", views.open_view, name="open"),
    path("<uuid:public_id>/read/", views.read_view, name="read"),
]
