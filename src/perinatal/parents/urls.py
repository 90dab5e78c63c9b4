"""The parents' own space, under /<lang>/my/."""

from django.urls import path

from . import accesses_views, data_views, link_views, sharing_views, timeline_views
from .guide_views import guide_family_view

app_name = "parents"

urlpatterns: list = [
    path("<uuid:public_id>/data/", data_views.my_data_view, name="my_data"),
    path("<uuid:public_id>/data/record.json", data_views.my_data_json_view, name="my_data_json"),
    path("<uuid:public_id>/data/record.pdf", data_views.my_data_pdf_view, name="my_data_pdf"),
    path(
        "corrections/<uuid:correction_id>/",
        data_views.correction_handle_view,
        name="correction_handle",
    ),
    path("<uuid:public_id>/guide/", guide_family_view, name="guide_family"),
    # Linking a parent to a family's record (decision 0035).
    path("link/", link_views.link_view, name="link"),
    path("<uuid:public_id>/unlink/", link_views.unlink_view, name="unlink"),
    path("links/<uuid:public_id>/", link_views.family_links_view, name="family_links"),
    *timeline_views.urlpatterns,
    path("<uuid:public_id>/sharing/", sharing_views.sharing_view, name="sharing"),
    path("<uuid:public_id>/who-looked/", accesses_views.accesses_view, name="accesses"),
    path(
        "<uuid:public_id>/who-looked/<int:event_id>/ask/",
        accesses_views.question_view,
        name="access_question",
    ),
    path(
        "questions/<int:question_id>/",
        accesses_views.question_answer_view,
        name="question_answer",
    ),
]
