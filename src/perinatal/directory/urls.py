from django.urls import path

from . import printed_list_page, views, views_editing
from .search import views as search_views

app_name = "directory"

urlpatterns = [
    path("", views.search_view, name="search"),
    path("timeline/", views.timeline_view, name="timeline"),
    path("services/<uuid:service_id>/", views.service_detail_view, name="service"),
    path("services/<uuid:service_id>/report/", views.report_view, name="report"),
    path("report/", views.report_view, name="report_missing"),
    path("print/", printed_list_page.printed_list_view, name="print_list"),
    path("print/pdf/", printed_list_page.printed_list_pdf_view, name="print_pdf"),
    path("editor/", views_editing.editor_queue_view, name="editor_queue"),
    path("editor/verify/", views_editing.services_verify_view, name="services_verify"),
    path(
        "editor/organisations/<uuid:organization_id>/",
        views_editing.organization_edit_view,
        name="organization_edit",
    ),
    path("editor/services/<uuid:service_id>/", views.service_edit_view, name="service_edit"),
    path(
        "editor/services/<uuid:service_id>/verify/",
        views.service_verify_view,
        name="service_verify",
    ),
    path("editor/reports/<uuid:report_id>/", views.report_close_view, name="report_close"),
    path("editor/synonyms/", search_views.synonyms_view, name="synonyms"),
    path("editor/synonyms/new/", search_views.synonym_create_view, name="synonym_create"),
    path("editor/synonyms/<int:pk>/", search_views.synonym_edit_view, name="synonym_edit"),
    path("editor/questions/", search_views.questions_view, name="questions"),
    path("editor/questions/<int:pk>/mark/", search_views.question_mark_view, name="question_mark"),
]
