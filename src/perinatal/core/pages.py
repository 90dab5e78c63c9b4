"""What pages share when they run a service for a form and show its answer:

- `posted(request)`: the POSTed data, even when empty;
- `attempt(form, action)`: run the service; a `RuleRefused` is kept on the form
  (`form.refusal`), an `InvalidInput` put on the form's fields (`errors_to_form`);
- `status_of(form)`: the status of the page that shows the form again (422 for a refusal,
  400 for invalid input, else 200);
- `refused(request, message)`: the 403 page; `rate_limited(request, exception)` the 429 page
  (django-ratelimit's `RATELIMIT_VIEW`).
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .refusals import InvalidInput, RuleRefused

T = TypeVar("T")


def posted(request: HttpRequest) -> Any:
    """The POSTed data, even when empty (an empty POST is a submitted form, not a GET)."""
    return request.POST if request.method == "POST" else None


def refused(request: HttpRequest, message: str) -> HttpResponse:
    """The 403 page, saying what the user may not do."""
    return render(request, "core/forbidden.html", {"message": message}, status=403)


def errors_to_form(form: forms.Form, error: InvalidInput) -> None:
    """Put a service's per-field errors on the form (unknown fields on the form itself)."""
    for field, errors in error.error_dict.items():
        for item in errors:
            form.add_error(field if field in form.fields else None, item.messages)


def attempt(form: forms.Form, action: Callable[[], T]) -> T | None:
    """Run a service for a valid form; a refusal is kept on the form (`form.refusal`) or its
    errors put on the fields, and None is returned."""
    form.refusal = None  # type: ignore[attr-defined]
    try:
        return action()
    except RuleRefused as exc:
        form.refusal = exc  # type: ignore[attr-defined]
    except InvalidInput as exc:
        errors_to_form(form, exc)
    return None


def status_of(form: forms.Form | None) -> int:
    """The status of a page that shows `form` again after a POST."""
    if form is None or not form.is_bound:
        return 200
    if getattr(form, "refusal", None) is not None:
        return 422
    return 400 if form.errors else 200


def rate_limited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 429 page: too many requests, wait and try again. A refusal that knows better
    (`user_message()`, `retry_after` seconds, as too many lookups do) says so."""
    user_message = getattr(exception, "user_message", None)
    retry_after = getattr(exception, "retry_after", None)
    response = render(
        request,
        "core/message.html",
        {
            "title": _("Too many requests"),
            "message": user_message()
            if callable(user_message)
            else _("You sent too many requests. Please wait a few minutes and try again."),
        },
        status=429,
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response
