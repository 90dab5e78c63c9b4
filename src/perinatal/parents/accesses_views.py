"""The pages of "who looked at my record" (issue 16 item 4, decision 0037): the family's
access log a page at a time, a question to the data protection contact about one row, and the
administrator's page that answers it. Reading the log is itself logged."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perinatal.accounts.roles import is_administrator
from perinatal.audit.models import AccessAction
from perinatal.core.pages import attempt, posted, status_of
from perinatal.pathways.access_log import log_access
from perinatal.pathways.models import Pregnancy

from . import accesses, questions
from .models import AccessQuestion
from .own_pages import OWN_RECORD, own_family_page
from .tabs import Tab, family_tabs, tabs_for

family_tabs.register(
    "accesses",
    Tab(order=40, url_name="parents:accesses", label=gettext_lazy("Who looked at my record")),
)


def _tabs(pregnancy: Pregnancy) -> dict[str, Any]:
    return {
        "tabs": tabs_for(pregnancy),
        "current": "accesses",
        "tabs_label": _("Your family's record"),
    }


def _after(value: Any) -> int | None:
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


@own_family_page("who looked at my record")
def accesses_view(request: HttpRequest, pregnancy: Pregnancy) -> HttpResponse:
    hide_own = request.GET.get("hide_own") == "1"
    page = accesses.access_page(
        pregnancy, after=_after(request.GET.get("after")), hide_own=hide_own
    )
    return render(
        request,
        "parents/accesses.html",
        {
            "pregnancy": pregnancy,
            "page": page,
            "hide_own": hide_own,
            "first_page": not request.GET.get("after"),
            "questions": list(questions.questions_of_family(pregnancy)[:20]),
            **_tabs(pregnancy),
        },
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your question"),
        max_length=questions.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "For example: why did this person look at our record? The data protection "
            "contact answers here."
        ),
    )


@own_family_page("ask about an access")
def question_view(request: HttpRequest, pregnancy: Pregnancy, event_id: int) -> HttpResponse:
    event = accesses.family_event(pregnancy, event_id)
    if event is None:
        raise Http404
    form = QuestionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        asked = attempt(
            form,
            lambda: questions.access_question_ask(
                by=request.user,
                pregnancy=pregnancy,
                event=event,
                text=form.cleaned_data["text"],
                grant=OWN_RECORD,
                request=request,
            ),
        )
        if asked is not None:
            messages.success(request, _("Your question is sent to the data protection contact."))
            return redirect("parents:accesses", public_id=pregnancy.public_id)
    return render(
        request,
        "parents/access_question.html",
        {
            "pregnancy": pregnancy,
            "row": accesses.access_row(event),
            "form": form,
            **_tabs(pregnancy),
        },
        status=400 if form.is_bound and not form.is_valid() else status_of(form),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Answer to the family"),
        max_length=questions.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


def question_answer_view(request: HttpRequest, question_id: int) -> HttpResponse:
    """An administrator (with the second factor) reads a family's question and answers it;
    the reading is in the access log on the basis of an audit."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_administrator(user) or not user.is_verified():
        raise PermissionDenied
    question = get_object_or_404(
        AccessQuestion.objects.select_related("pregnancy", "access_event"), pk=question_id
    )
    log_access(
        by=user,
        pregnancy=question.pregnancy,
        grant=questions.AUDIT,
        action=AccessAction.READ,
        purpose="question about an access",
        request=request,
    )
    form = AnswerForm(posted(request), initial={"answer": question.answer})
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: questions.access_question_answer(
                by=user, question=question, answer=form.cleaned_data["answer"], request=request
            ),
        )
        if done is not None:
            messages.success(request, _("The answer is saved; the family sees it."))
            return redirect("parents:question_answer", question_id=question.pk)
    return render(
        request,
        "parents/question_answer.html",
        {
            "question": question,
            "row": accesses.access_row(question.access_event),
            "form": form,
        },
        status=400 if form.is_bound and not form.is_valid() else status_of(form),
    )
