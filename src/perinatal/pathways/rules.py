"""The rules of the first-1000-days programme and the entitlements a pathway meets, as plain
functions (no database). Each has an identifier, cites its source, reads its limits and dates
from the dated parameters, and answers with a `Decision`: allowed or refused with a stable
code, what remains, and a message in the user's language.
"""

from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perinatal.core.dates import add_months, shown
from perinatal.core.parameters import NotInForce
from perinatal.core.refusals import Decision

from .parameters import first_value, parameter
from .providers import Provider, describe, may_deliver, who_may_deliver


class Scenario(models.TextChoices):
    NONE = "none", gettext_lazy("No programme scenario")
    A = "A", gettext_lazy("Scenario A")
    B = "B", gettext_lazy("Scenario B")


class Refusal(models.TextChoices):
    NOT_ENTITLED = "not_entitled", gettext_lazy("not entitled")
    LIMIT_REACHED = "limit_reached", gettext_lazy("limit reached")
    OUTSIDE_PERIOD = "outside_period", gettext_lazy("outside the period")
    PROVIDER_NOT_PARTICIPATING = (
        "provider_not_participating",
        gettext_lazy("provider does not take part in the programme"),
    )
    SCREENING_WINDOW_CLOSED = "screening_window_closed", gettext_lazy("screening window closed")
    ALREADY_SCREENED = "already_screened", gettext_lazy("already screened")
    PROFESSION_NOT_ALLOWED = (
        "profession_not_allowed",
        gettext_lazy("the person's profession may not deliver this service"),
    )
    PERIOD_LIMIT_REACHED = "period_limit_reached", gettext_lazy("limit of the period reached")


def _allowed(rule: str, remaining: int | None = None) -> Decision:
    return Decision(rule=rule, allowed=True, remaining=remaining)


def _refused(rule: str, code: Refusal, message: str, remaining: int | None = None) -> Decision:
    return Decision(rule=rule, allowed=False, code=code.value, remaining=remaining, message=message)


def _counted(rule: str, used: int, limit: int, message: str) -> Decision:
    """Allowed while `used` is below `limit` (what remains after this one), else refused.
    `message` names the limit as `%(limit)s`."""
    if used >= limit:
        return _refused(rule, Refusal.LIMIT_REACHED, message % {"limit": limit}, remaining=0)
    return _allowed(rule, remaining=limit - used - 1)


def classify_scenario(positive_inclusion_criteria: int, *, on: date) -> Scenario:
    """Rule `scenario.classify` (seed 002): exactly 1 positive inclusion criterion → scenario A;
    2 or more → scenario B; 0 → no programme scenario."""
    if positive_inclusion_criteria < 0:
        raise ValueError("a count of criteria cannot be negative")
    if positive_inclusion_criteria >= parameter("scenario.b_positive_criteria", on=on):
        return Scenario.B
    if positive_inclusion_criteria == parameter("scenario.a_positive_criteria", on=on):
        return Scenario.A
    return Scenario.NONE


def screening_window_end(birth_date: date, *, on: date) -> date:
    """The last day a screening is possible: the 7th day after birth (seed 002)."""
    return birth_date + timedelta(days=parameter("screening.days_after_birth", on=on))


def _profession_gate(
    rule: str, providers_parameter: str, provider: Provider, on: date
) -> Decision | None:
    """Who may deliver the service (`pathways/providers.py`): refused with
    `profession_not_allowed` for anyone else."""
    if may_deliver(providers_parameter, provider, on=on):
        return None
    return _refused(
        rule,
        Refusal.PROFESSION_NOT_ALLOWED,
        _("This service may be recorded only by: %(who)s. Your account: %(you)s.")
        % {"who": who_may_deliver(providers_parameter, on=on), "you": describe(provider)},
    )


def _programme_gate(
    rule: str, on: date, provider: Provider, providers_parameter: str
) -> Decision | None:
    """Common to the four billable services: a participating organisation, from the start
    date, and a person whose profession may deliver the service (seed 002)."""
    if not provider.participates:
        return _refused(
            rule,
            Refusal.PROVIDER_NOT_PARTICIPATING,
            _("Only a provider who takes part in the first-1000-days programme may record this."),
        )
    try:
        start = parameter("programme.billable_from", on=on)
    except NotInForce:
        start = first_value("programme.billable_from")
    if on < start:
        return _refused(
            rule,
            Refusal.OUTSIDE_PERIOD,
            _("The programme's services can be recorded from %(start)s.") % {"start": shown(start)},
        )
    return _profession_gate(rule, providers_parameter, provider, on)


def screening_allowed(
    *,
    on: date,
    birth_date: date | None,
    screenings_before: int,
    new_assessment_reason: str = "",
    provider: Provider,
) -> Decision:
    """Rule `screening.once`: once per pregnancy, from registration until the 7th day after
    birth inclusive; a new assessment only with a reason; by a provider under the health
    insurance (seed 002)."""
    rule = "screening.once"
    if refused := _programme_gate(rule, on, provider, "screening.providers"):
        return refused
    if birth_date is not None and on > screening_window_end(birth_date, on=on):
        return _refused(
            rule,
            Refusal.SCREENING_WINDOW_CLOSED,
            _("The screening is possible until the 7th day after birth (%(last)s).")
            % {"last": shown(screening_window_end(birth_date, on=on))},
        )
    limit = parameter("screening.per_pregnancy", on=on)
    if screenings_before >= limit and not new_assessment_reason.strip():
        return _refused(
            rule,
            Refusal.ALREADY_SCREENED,
            _("This pregnancy was already screened; a new assessment needs a reason."),
            remaining=0,
        )
    return _allowed(rule, remaining=max(limit - screenings_before - 1, 0))


def ppa_allowed(
    *, on: date, scenario: Scenario, used: int, birth_date: date | None, provider: Provider
) -> Decision:
    """Rule `ppa.limit`: personal prenatal advice talk, scenario A or B, at most 2, only
    during the prenatal period, by a GP, midwife, gynaecologist or nurse (seed 002)."""
    rule = "ppa.limit"
    if refused := _programme_gate(rule, on, provider, "ppa.providers"):
        return refused
    if scenario not in (Scenario.A, Scenario.B):
        return _refused(
            rule,
            Refusal.NOT_ENTITLED,
            _("The personal prenatal advice talk is for scenario A or B."),
        )
    if birth_date is not None and on >= birth_date:
        return _refused(
            rule,
            Refusal.OUTSIDE_PERIOD,
            _("The personal prenatal advice talk is only possible before birth."),
        )
    return _counted(
        rule,
        used,
        parameter("ppa.max_sessions", on=on),
        _("At most %(limit)s personal prenatal advice talks; none remain."),
    )


def coordination_allowed(
    *,
    on: date,
    scenario: Scenario,
    periods_started: int,
    provider: Provider,
    running_until: date | None = None,
) -> Decision:
    """Rule `coordination.periods`: care and welfare coordination for scenario B, a lump sum
    for 12 months, renewable at most twice, by a provider under the health insurance or a
    care coordinator (seed 002). A renewal starts after the running period ends
    (`running_until`, its last day)."""
    rule = "coordination.periods"
    if refused := _programme_gate(rule, on, provider, "coordination.providers"):
        return refused
    if scenario != Scenario.B:
        return _refused(
            rule, Refusal.NOT_ENTITLED, _("Care and welfare coordination is for scenario B.")
        )
    limit = coordination_max_periods(on=on)
    if running_until is not None and on <= running_until and periods_started < limit:
        return _refused(
            rule,
            Refusal.OUTSIDE_PERIOD,
            _("A coordination period runs until %(until)s; a renewal starts after it.")
            % {"until": shown(running_until)},
            remaining=limit - periods_started,
        )
    if periods_started >= limit:
        return _refused(
            rule,
            Refusal.LIMIT_REACHED,
            _("Coordination was already renewed the most times allowed (%(renewals)s).")
            % {"renewals": limit - 1},
            remaining=0,
        )
    return _allowed(rule, remaining=limit - periods_started - 1)


def coordination_max_periods(*, on: date) -> int:
    """The first coordination period and its renewals (seed 002: renewable at most twice)."""
    return 1 + parameter("coordination.max_renewals", on=on)


def coordination_period_end(start: date, *, on: date) -> date:
    """The last day of a coordination period that starts on `start` (12 months)."""
    return add_months(start, parameter("coordination.period_months", on=on)) - timedelta(days=1)


def mdo_allowed(
    *,
    on: date,
    scenario: Scenario,
    held: int,
    participants: int,
    provider: Provider,
    period: tuple[date, date] | None,
    held_in_period: int,
) -> Decision:
    """Rule `mdo.limit`: multidisciplinary consultation for scenario B, by a provider under
    the health insurance, sessions of 15 minutes with at most 4 participants, one per
    12-month period, at most 3 during the programme (seed 002). The 12-month period is the
    coordination period running on `on` (`period`, its first and last day; None when none
    runs), which already holds `held_in_period` consultations (docs/decisions/0025)."""
    rule = "mdo.limit"
    if refused := _programme_gate(rule, on, provider, "mdo.providers"):
        return refused
    if scenario != Scenario.B:
        return _refused(
            rule, Refusal.NOT_ENTITLED, _("The multidisciplinary consultation is for scenario B.")
        )
    most = parameter("mdo.max_participants", on=on)
    if participants > most:
        return _refused(
            rule,
            Refusal.LIMIT_REACHED,
            _("At most %(most)s participants in a multidisciplinary consultation.")
            % {"most": most},
        )
    if period is None:
        return _refused(
            rule,
            Refusal.OUTSIDE_PERIOD,
            _(
                "A multidisciplinary consultation is held within a care and welfare "
                "coordination period of 12 months; none runs on %(day)s."
            )
            % {"day": shown(on)},
        )
    per_period = parameter("mdo.per_period", on=on)
    if held_in_period >= per_period:
        return _refused(
            rule,
            Refusal.PERIOD_LIMIT_REACHED,
            _(
                "At most %(limit)s multidisciplinary consultation per 12-month period: the "
                "period from %(start)s to %(end)s already has it."
            )
            % {"limit": per_period, "start": shown(period[0]), "end": shown(period[1])},
        )
    return _counted(
        rule,
        held,
        parameter("mdo.max_per_programme", on=on),
        _("At most %(limit)s multidisciplinary consultations during the programme."),
    )


def physiotherapy_allowed(*, on: date, used: int, prescribed: bool) -> Decision:
    """Rule `physiotherapy.limit`: 9 perinatal physiotherapy sessions per pregnancy, pre- and
    postnatal together, only on a physician's prescription (seed 002)."""
    rule = "physiotherapy.limit"
    if not prescribed:
        return _refused(
            rule,
            Refusal.NOT_ENTITLED,
            _("Perinatal physiotherapy is reimbursed only on a physician's prescription."),
        )
    return _counted(
        rule,
        used,
        parameter("physiotherapy.max_sessions", on=on),
        _("At most %(limit)s perinatal physiotherapy sessions per pregnancy."),
    )


def midwife_home_visit_allowed(
    *, on: date, used: int, birth_date: date | None, provider: Provider
) -> Decision:
    """Rule `midwife_home_visits.limit`: postnatal home care by a midwife, for whoever has
    given birth — from the day of birth — and 10 visits reimbursed (seed 002: "Wie bevallen
    is, heeft echter recht op postnatale thuiszorg door een zelfstandige verloskundige of een
    verloskundige aangesloten bij een zorginstelling")."""
    rule = "midwife_home_visits.limit"
    if refused := _profession_gate(rule, "midwife_home_visits.providers", provider, on):
        return refused
    if birth_date is None or on < birth_date:
        return _refused(
            rule,
            Refusal.OUTSIDE_PERIOD,
            _("Postnatal home visits by a midwife start on the day of birth."),
        )
    return _counted(
        rule,
        used,
        parameter("midwife_home_visits.max_reimbursed", on=on),
        _("At most %(limit)s postnatal home visits by a midwife are reimbursed."),
    )


def kg_consultation_allowed(*, on: date, birth_date: date | None) -> Decision:
    """Rule `kind_en_gezin.consultations`: Kind en Gezin's home visits and basic
    consultations are free from birth "totdat het kind naar school gaat (2,5 tot 3 jaar)"
    (seed 002); the platform counts until 36 months (docs/decisions/0025). The 10 key
    moments of the first 30 months are the schedule, not a ceiling: nothing is counted."""
    rule = "kind_en_gezin.consultations"
    if birth_date is None or on < birth_date:
        return _refused(
            rule,
            Refusal.OUTSIDE_PERIOD,
            _("Kind en Gezin's consultations for the child start at birth."),
        )
    months = parameter("kind_en_gezin.consultations_until_months", on=on)
    if on > add_months(birth_date, months):
        return _refused(
            rule,
            Refusal.OUTSIDE_PERIOD,
            _(
                "Kind en Gezin's free consultations run until the child goes to school; the "
                "platform counts until the age of %(months)s months (%(last)s)."
            )
            % {"months": months, "last": shown(add_months(birth_date, months))},
        )
    return _allowed(rule)
