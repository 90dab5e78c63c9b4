"""URLs: language-prefixed pages, the versioned API, health check and static files; the page
of a failure of the server (500, or 503 when the database is unavailable: core/failure.py)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from perinatal.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", include("perinatal.api.urls")),
]

urlpatterns += i18n_patterns(
    path("", include("perinatal.directory.urls")),
    path("account/", include("perinatal.accounts.urls")),
    path("audit/", include(("perinatal.accounts.access_log_page", "audit"))),
    path("rules/", include("perinatal.pathways.rules_views")),
    path("families/", include("perinatal.pathways.urls")),
    path("kindboekje/", include("perinatal.booklets.urls")),
    path("kraamzorg/", include("perinatal.kraamzorg.urls")),
    path("monitoring/", include("perinatal.monitoring.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

handler500 = "perinatal.core.failure.server_error"
