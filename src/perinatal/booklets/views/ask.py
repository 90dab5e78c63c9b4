"""Ask first (seed 000: "Vraag steeds aan (toekomstige) ouder(s) of ze al een Kindboekje
hebben"): the page where a care professional learns whether a family has a Kindboekje and, if
not, whose turn it is under the procedure in force — and hands it out, replaces or cancels it.

`/kindboekje/` (`booklets:ask`), for care professionals who passed the second factor:
- GET: the question, a mother's or child's national number (POSTed, never in a URL);
- POST `action=ask`: the family's status (`selectors.family_status_by_national_number`), or
  "not on the platform yet" with the minimal registration form, the number in a hidden field;
- POST `action=register`: `services.registration` registers the pregnancy (and the birth when the
  child is born) in one transaction; then the status page of the new family;
- GET `?pregnancy=<public_id>` (from the family page, and after each change): the status of
  that family; POST there with `action=hand_out|replace|cancel` and `child` (its birth order).
The selectors and services write the access-log rows (basis `booklet`).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perinatal.accounts.requests import logged_in_user
from perinatal.core import national_number
from perinatal.core.pages import attempt, errors_to_form, posted, refused, status_of
from perinatal.pathways import selectors as family_selectors
from perinatal.pathways.access import grant_for, in_care_team
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.pages import care_professional_required

from .. import selectors, services
from ..constants import Channel, RefusalCode
from ..errors import InvalidInput, NoAccess
from ..forms.ask import (
    AskForm,
    CancelForm,
    ChildActionForm,
    HandOutForm,
    RegisterForm,
    ReplaceForm,
)
from ..rules import ROLE_CHANNELS, channel_fits_role, default_channel, handout_decision, procedure
from ..selectors import ChildStatus, FamilyStatus
from ..services.registration import family_register_minimal

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

T = TypeVar("T")
F = TypeVar("F", bound=ChildActionForm)

# The family situations of data/parameters.yaml, as the page explains them.
SITUATIONS = {
    "always": gettext_lazy("for a family that has none yet"),
    "in_pregnancy": gettext_lazy("during pregnancy"),
    "after_birth": gettext_lazy("at the birth"),
    "after_birth_without_postnatal_midwife": gettext_lazy(
        "after the birth, for a family without postnatal care by an independent midwife"
    ),
    "nicu_admission": gettext_lazy("for a newborn's long admission in neonatal intensive care"),
}
ACTIONS = ("hand_out", "replace", "cancel")


@dataclass
class ProcedureLine:
    step: int | None
    channel: str
    when: "StrOrPromise"
    own: bool

    @property
    def label(self) -> "StrOrPromise":
        return Channel(self.channel).label


@dataclass
class ChildPanel:
    """One child on the page: its status, what the user's role may do, and the forms."""

    status: ChildStatus
    channels: list[str]  # the user's channels that fit the child's situation
    default: str | None
    hint: str = ""  # your_turn, reason (outside the turn) or not_allowed
    step: int | None = None
    hand_out_form: HandOutForm | None = None
    replace_form: ReplaceForm | None = None
    cancel_form: CancelForm | None = None

    @property
    def turns(self) -> list[ProcedureLine]:
        """Whose turn it is, the user's own channels marked."""
        return [
            ProcedureLine(turn.step, turn.channel, "", turn.channel in self.channels)
            for turn in self.status.turns
        ]


def procedure_lines(on: date, own: tuple[str, ...]) -> list[ProcedureLine]:
    rules = procedure(on)
    return [
        ProcedureLine(
            spec.get("step"), spec["channel"], SITUATIONS[spec["when"]], spec["channel"] in own
        )
        for spec in rules["steps"] + rules["exceptions"]
    ]


def _hint(panel: ChildPanel, on: date) -> None:
    """Whether it is the user's turn today (and through which of the role's channels)."""
    situation = panel.status.situation
    decisions = [(c, handout_decision(c, situation, on=on)) for c in panel.channels]
    in_turn = [(c, d) for c, d in decisions if d.allowed]
    if in_turn:
        panel.hint, panel.default, panel.step = "your_turn", in_turn[0][0], in_turn[0][1].step
    elif any(d.code == RefusalCode.REASON_REQUIRED for _c, d in decisions):
        panel.hint = "reason"
    elif decisions:
        panel.hint = "not_allowed"


def child_panel(user: Any, child: ChildStatus, on: date, bound: dict) -> ChildPanel:
    role_channels = ROLE_CHANNELS.get(user.role, ())
    n = child.child_order
    panel = ChildPanel(
        status=child,
        channels=[c for c in role_channels if channel_fits_role(c, user.role, child.situation)],
        default=default_channel(user.role, child.situation),
    )
    if not role_channels:
        return panel
    _hint(panel, on)

    def form(action: str, make: Callable[[str], F]) -> F:
        """The form POSTed for this child comes back bound, with its errors or refusal."""
        posted_form = bound.get((action, n))
        return posted_form if posted_form is not None else make(f"{action}{n}")

    panel.hand_out_form = form(
        "hand_out",
        lambda prefix: HandOutForm(prefix=prefix, channels=panel.channels, default=panel.default),
    )
    # Only the care team replaces (decision 0026); one posted from outside shows its refusal.
    if child.booklet and (("replace", n) in bound or in_care_team(user, child.booklet.pregnancy)):
        panel.replace_form = form("replace", lambda prefix: ReplaceForm(prefix=prefix))
    if child.booklet and child.booklet.organisation_id == user.organisation_id:
        panel.cancel_form = form("cancel", lambda prefix: CancelForm(prefix=prefix))
    return panel


def _render_family(
    request: HttpRequest, status: FamilyStatus, *, bound: dict | None = None, code: int = 200
) -> HttpResponse:
    user, on = logged_in_user(request), status.on
    pregnancy = status.pregnancy
    if pregnancy is None:  # the callers show the status of a family on the platform
        raise ValueError("no family to show")
    return render(
        request,
        "booklets/ask/family.html",
        {
            "status": status,
            "pregnancy": pregnancy,
            "panels": [child_panel(user, child, on, bound or {}) for child in status.children],
            "may_hand_out": user.role in ROLE_CHANNELS,
            "record_visible": grant_for(user, pregnancy) is not None,
            "procedure": procedure_lines(on, ROLE_CHANNELS.get(user.role, ())),
            "procedure_on": on,
        },
        status=code,
    )


def _render_ask(request: HttpRequest, context: dict, code: int = 200) -> HttpResponse:
    on = timezone.localdate()
    context.setdefault("form", AskForm())
    context["procedure"] = procedure_lines(on, ROLE_CHANNELS.get(logged_in_user(request).role, ()))
    context["procedure_on"] = on
    register_form = context.get("register_form")
    if register_form is not None:
        context["masked_number"] = _masked(register_form["national_number"].value() or "")
    return render(request, "booklets/ask/ask.html", context, status=code)


def _masked(number: str) -> str:
    """The number as the page may show it (the date of birth part only)."""
    try:
        return national_number.masked(number) if number else ""
    except ValidationError:
        return ""


def _to_status(pregnancy: Pregnancy) -> HttpResponse:
    return redirect(f"{reverse('booklets:ask')}?pregnancy={pregnancy.public_id}")


def _try(form: ChildActionForm, action: Callable[[], T]) -> T | None:
    """`attempt` (a refusal on the form, field errors on the fields), and a role the service
    refuses as a form error (`form.forbidden`)."""
    form.forbidden = False
    try:
        return attempt(form, action)
    except NoAccess as exc:
        form.forbidden = True
        form.add_error(None, str(exc) or _("You may not do this."))
    return None


def _code(form: forms.Form) -> int:
    return 403 if getattr(form, "forbidden", False) else status_of(form)


# --- The family's status and the hand-out, replacement, cancellation ------------------------


def _family_action(
    request: HttpRequest, pregnancy: Pregnancy, status: FamilyStatus
) -> tuple[bool, ChildActionForm | None]:
    """Handle a POSTed action on one child; (done, the bound form to show again)."""
    user, post = request.user, request.POST
    action = post.get("action")
    child = next((c for c in status.children if str(c.child_order) == post.get("child")), None)
    if action not in ACTIONS or child is None:
        return False, None
    n, booklet = child.child_order, child.booklet
    form: ChildActionForm
    if action == "hand_out":
        channels = child_panel(user, child, status.on, {}).channels
        form = hand_out = HandOutForm(post, prefix=f"hand_out{n}", channels=channels, default=None)

        def call() -> Any:
            return services.booklet_hand_out(
                by=user,
                pregnancy=pregnancy,
                on=form.cleaned_data["on"],
                child_order=n,
                channel=hand_out.chosen_channel,
                reason=form.cleaned_data["reason"],
                request=request,
            )

        success = _("The Kindboekje is recorded as handed out.")
    elif booklet is None:
        return False, None
    elif action == "replace":
        form = ReplaceForm(post, prefix=f"replace{n}")

        def call() -> Any:
            return services.booklet_replace(
                by=user,
                booklet=booklet,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                on=form.cleaned_data["on"],
                request=request,
            )

        success = _("The Kindboekje is replaced; the old one is void.")
    else:
        form = CancelForm(post, prefix=f"cancel{n}")

        def call() -> Any:
            return services.booklet_cancel(
                by=user, booklet=booklet, note=form.cleaned_data["note"], request=request
            )

        success = _("The hand-out recorded in error is cancelled.")
    done = form.is_valid() and _try(form, call) is not None
    refusal = getattr(form, "refusal", None)
    if refusal is not None and refusal.code == RefusalCode.REASON_REQUIRED:
        form.add_error("reason", refusal.message)  # the field to fill in
    if done:
        messages.success(request, success)
    form.action_key = (action, n)
    return done, form


def _family_page(request: HttpRequest, public_id: str) -> HttpResponse:
    try:
        pregnancy = family_selectors.pregnancy_get(public_id)
    except Pregnancy.DoesNotExist as exc:
        raise Http404 from exc
    on = timezone.localdate()
    status = selectors.family_status(by=request.user, pregnancy=pregnancy, on=on, request=request)
    if request.method != "POST":
        return _render_family(request, status)
    if logged_in_user(request).role not in ROLE_CHANNELS:
        return refused(
            request,
            _("Only Kind en Gezin, independent midwives and hospitals hand out Kindboekjes."),
        )
    done, form = _family_action(request, pregnancy, status)
    if done:
        return _to_status(pregnancy)
    if form is None:
        messages.error(request, _("Choose what to do for which child."))
        return _render_family(request, status, code=400)
    if getattr(form, "forbidden", False):
        # An ErrorList gives each error's message, a str.
        messages.error(request, " ".join(cast(Iterable[str], form.non_field_errors())))
    refusal = getattr(form, "refusal", None)
    if refusal is not None and refusal.code == RefusalCode.ALREADY_HAS_BOOKLET:
        # Another provider may have been quicker since the page was shown: show the registry.
        status = selectors.family_status(
            by=request.user, pregnancy=pregnancy, on=on, request=request
        )
    return _render_family(request, status, bound={form.action_key: form}, code=_code(form))


# --- Not on the platform yet: the minimal registration --------------------------------------

REGISTER_FIELDS = {"date": "birth_date", "mother_national_number": None}


def _register_errors(form: RegisterForm, error: InvalidInput) -> None:
    """The services' field names on this form's fields (the number is hidden: its errors go
    to the form, or to the reason when there is no number)."""
    renamed: dict[str, list] = {}
    for key, errors in error.error_dict.items():
        target = REGISTER_FIELDS.get(key, key)
        if key == "mother_national_number" and not form.mother().national_number:
            target = "mother_no_national_number"
        if key == "due_date" and not form.cleaned_data.get("due_date"):
            target = "birth_date"
        renamed.setdefault(target or "__all__", []).extend(errors)
    errors_to_form(form, InvalidInput(renamed))


def _register(request: HttpRequest, form: RegisterForm) -> Pregnancy | None:
    data = form.cleaned_data
    try:
        return family_register_minimal(
            by=request.user,
            mother=form.mother(),
            postcode=data["postcode"],
            municipality=data["municipality"],
            due_date=form.expected_due_date(),
            birth=form.birth(),
            on=timezone.localdate(),
            request=request,
        )
    except InvalidInput as exc:
        _register_errors(form, exc)
    except NoAccess as exc:
        form.add_error(None, str(exc))
    return None


@care_professional_required
def ask_view(request: HttpRequest) -> HttpResponse:
    public_id = request.GET.get("pregnancy")
    if public_id:
        return _family_page(request, public_id)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "register" or request.GET.get("register"):
        register_form = RegisterForm(posted(request))
        if register_form.is_bound and register_form.is_valid():
            pregnancy = _register(request, register_form)
            if pregnancy is not None:
                messages.success(request, _("The family is registered."))
                return _to_status(pregnancy)
        return _render_ask(request, {"register_form": register_form}, code=status_of(register_form))
    form = AskForm(posted(request))
    if not form.is_bound:
        return _render_ask(request, {"form": form})
    if not form.is_valid():
        return _render_ask(request, {"form": form}, code=400)
    number = form.cleaned_data["national_number"]
    try:
        status = selectors.family_status_by_national_number(
            by=request.user, number=number, on=timezone.localdate(), request=request
        )
    except InvalidInput as exc:
        errors_to_form(form, exc)
        return _render_ask(request, {"form": form}, code=400)
    if status is not None and status.pregnancy is not None:
        return _render_family(request, status)
    return _render_ask(
        request,
        {
            "form": AskForm(),  # the number is not shown back
            "not_found": True,
            "orders": status.orders_without_family if status else [],
            "register_form": RegisterForm(initial={"national_number": number}),
        },
    )


urlpatterns: list[URLPattern] = [
    path("", ask_view, name="ask"),
]
