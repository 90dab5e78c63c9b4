"""The editors' pages of the search vocabulary: the synonyms (list, add, change, with history)
and the questions that found nothing (a list to act on: add a synonym, or mark a missing
service or dismiss). Directory editors only; views parse, call a service or selector, render.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perinatal.directory.views import editor_required

from . import selectors, services
from .forms import QuestionFilterForm, QuestionMarkForm, SynonymFilterForm, SynonymForm
from .models import QuestionStatus, Synonym, UnansweredQuestion


def _errors_to_form(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@editor_required
def synonyms_view(request: HttpRequest) -> HttpResponse:
    filters = SynonymFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    synonyms = selectors.synonyms_list(
        lang=data.get("lang", ""),
        contains=data.get("q", ""),
        disabled=bool(data.get("disabled")),
    )
    return render(
        request,
        "directory/search/synonyms.html",
        {
            "filters": filters if filters.is_bound else SynonymFilterForm(),
            "synonyms": [
                (synonym, selectors.need_labels(synonym.needs))
                for synonym in synonyms[: selectors.PAGE]
            ],
            "count": synonyms.count(),
            "open_questions": selectors.questions_open_count(),
        },
    )


@editor_required
def synonym_create_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = SynonymForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            question = (
                UnansweredQuestion.objects.filter(pk=data["question"]).first()
                if data.get("question")
                else None
            )
            try:
                synonym = services.synonym_create(
                    lang=data["lang"],
                    phrase=data["phrase"],
                    needs=data["needs"],
                    words=data["words"],
                    by=request.user,
                    question=question,
                )
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(request, _("The synonym is added; searches use it at once."))
                return redirect("directory:synonym_edit", pk=synonym.pk)
    else:
        initial = {
            "lang": request.GET.get("lang", "nl"),
            "phrase": request.GET.get("phrase", "")[:100],
            "question": request.GET.get("question", ""),
        }
        form = SynonymForm(initial=initial)
    return render(
        request,
        "directory/search/synonym_edit.html",
        {"form": form, "synonym": None, "history": []},
        status=400 if request.method == "POST" else 200,
    )


@editor_required
def synonym_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    synonym = get_object_or_404(Synonym, pk=pk)
    if request.method == "POST":
        form = SynonymForm(request.POST, editing=True)
        if form.is_valid():
            data = form.cleaned_data
            try:
                changes = services.synonym_update(
                    synonym=synonym,
                    phrase=data["phrase"],
                    needs=data["needs"],
                    words=data["words"],
                    enabled=data["enabled"],
                    by=request.user,
                )
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(
                    request, _("Saved: %(count)s field(s) changed.") % {"count": len(changes)}
                )
                return redirect("directory:synonym_edit", pk=synonym.pk)
    else:
        form = SynonymForm(initial=SynonymForm.initial_for(synonym), editing=True)
    return render(
        request,
        "directory/search/synonym_edit.html",
        {"form": form, "synonym": synonym, "history": selectors.synonym_history(synonym)},
        status=400 if request.method == "POST" else 200,
    )


@editor_required
def questions_view(request: HttpRequest) -> HttpResponse:
    filters = QuestionFilterForm(request.GET or None)
    status = QuestionStatus.OPEN
    if filters.is_valid() and filters.cleaned_data.get("status"):
        status = filters.cleaned_data["status"]
    questions = selectors.questions_list(status=status)
    return render(
        request,
        "directory/search/questions.html",
        {
            "filters": filters if filters.is_bound else QuestionFilterForm(),
            "status": status,
            "questions": questions[: selectors.PAGE],
            "count": questions.count(),
            "statuses": QuestionStatus,
        },
    )


@editor_required
@require_POST
def question_mark_view(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(UnansweredQuestion, pk=pk)
    form = QuestionMarkForm(request.POST)
    if form.is_valid():
        status = form.cleaned_data["status"]
        services.question_mark(question=question, status=status, by=request.user)
        messages.success(
            request, _("Marked: %(status)s.") % {"status": QuestionStatus(status).label}
        )
    shown = request.POST.get("shown", "")
    query = f"?status={shown}" if shown in QuestionStatus.values else ""
    return redirect(reverse("directory:questions") + query)
