"""The parents' own space, under /<lang>/my/."""

from django.urls import path

from . import accesses_views, sharing_views

app_name = "parents"

urlpatterns: list = [
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
