"""Monitoring pages at /<lang>/monitoring/: the yearly submissions of the family-care
services (views/upload.py) and the analysts' dashboard (views/dashboard.py)."""

from django.urls import URLPattern

from .downloads import views as downloads
from .views import dashboard, upload

app_name = "monitoring"

# --- The analysts' dashboard ---------------------------------------------------------------
# Filled by the dashboard's engineer: `from .views import dashboard` and
# `dashboard_patterns = dashboard.urlpatterns` (names must not clash with those below).
dashboard_patterns: list[URLPattern] = dashboard.urlpatterns

urlpatterns: list[URLPattern] = [
    *upload.urlpatterns,
    *dashboard_patterns,
    *downloads.urlpatterns,  # report files made by a worker
]
