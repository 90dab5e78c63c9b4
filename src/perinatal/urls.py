"""URLs: language-prefixed pages, the versioned API, the probes and static files; the page of a
failure of the server (500, or 503 when the database is unavailable: core/failure.py). The
probes (`/healthz`, `/readyz`, and `/metrics` which has no name) are answered by
`core.middleware.HealthCheckMiddleware` before the URLs are resolved; their names are here for
`reverse()`."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from perinatal.core.views import healthz, readyz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", include("perinatal.api.urls")),
]

urlpatterns += i18n_patterns(
    path("", include("perinatal.directory.urls")),
    path("account/", include("perinatal.accounts.urls")),
    path("work/", include("perinatal.worklist.urls")),
    path("my/", include("perinatal.parents.urls")),
    path("guide/", include("perinatal.parents.guide_urls")),
    path("audit/", include(("perinatal.accounts.access_log_page", "audit"))),
    path("rules/", include("perinatal.pathways.rules_views")),
    path("families/", include("perinatal.pathways.urls")),
    path("kindboekje/", include("perinatal.booklets.urls")),
    path("kraamzorg/", include("perinatal.kraamzorg.urls")),
    path("monitoring/", include("perinatal.monitoring.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("jobs/", include("perinatal.jobs.urls")),
    path("notifications/", include("perinatal.notifications.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

handler500 = "perinatal.core.failure.server_error"
