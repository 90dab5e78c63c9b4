"""A family read and its access-log row in one statement (PostgreSQL; decision 0040).

`selectors.pregnancy_for_user` used to load the pregnancy, decide the basis
(`access.grant_for`) and write the row in one transaction: BEGIN, the read, the INSERT and
COMMIT, four round trips where the unaudited read makes one. Here the basis is decided by the
database in the read itself (the same rule in its SQL form: `grant_basis`, tested case by
case against `grant_for`), and the row is inserted by a data-modifying WITH of the same
statement, only when a basis was found. One statement is one transaction: the row cannot be
missing for a read that happened, and no read happens without its row.

The statement is compiled by the ORM once per database (with stand-in values for the family,
the user, the organisation and the time, whose places in the parameters are then known), so
a read costs one round trip and no query building. SQLite has no data-modifying WITH: it
keeps the four steps.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connections, router
from django.db.models import Case, Exists, OuterRef, Subquery, TextField, Value, When
from django.db.models.functions import Coalesce, Trim
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]
from django.db.models.sql.compiler import SQLCompiler

from perinatal.audit.access_insert import insert_select
from perinatal.audit.models import AccessBasis
from perinatal.audit.services import AccessRow, access_row

from .access import Grant
from .models import EmergencyAccess, Pregnancy
from .sharing import member_shares_subquery

READ = "family_read"  # the read's name in the statement's WITH


def supported(alias: str) -> bool:
    return connections[alias].vendor == "postgresql"


def grant_basis(organisation_id: int, user_id: Any, now: datetime) -> tuple[Case, Case]:
    """The SQL form of `access.grant_for` for a query on pregnancies, for a care professional
    of `organisation_id`: the basis (NULL when none) and the emergency access's reason (""
    unless that is the basis). Pseudonymised records are the caller's to filter out."""
    emergency = EmergencyAccess.objects.filter(
        pregnancy_id=OuterRef("pk"), user_id=user_id, expires_at__gt=now
    )
    basis = Case(
        When(lead_organisation_id=organisation_id, then=Value(AccessBasis.CARE_TEAM.value)),
        When(member_shares_subquery(organisation_id), then=Value(AccessBasis.CONSENT.value)),
        When(Exists(emergency), then=Value(AccessBasis.BREAK_THE_GLASS.value)),
        default=None,
    )
    reason = Case(
        When(lead_organisation_id=organisation_id, then=Value("")),
        When(member_shares_subquery(organisation_id), then=Value("")),
        default=Coalesce(
            Subquery(emergency.order_by("-expires_at").values("reason")[:1]), Value("")
        ),
        output_field=TextField(),
    )
    return basis, reason


# Stand-ins compiled into the statement, replaced by each read's own values.
_UID = uuid.UUID("00000000-0000-4000-8000-0000000f0001")
_ORGANISATION = -900_001
_USER = -900_002
_NOW = datetime(2001, 2, 3, 4, 5, 6, 789, tzinfo=UTC)
_STAND_INS: dict[str, Any] = {
    "uid": _UID,
    "organisation": _ORGANISATION,
    "user": _USER,
    "now": _NOW,
}


@dataclass(frozen=True)
class _Plan:
    read_sql: str
    read_params: tuple[tuple[str, Any], ...]  # ("value", constant) or (stand-in name, None)
    compiler: SQLCompiler
    init_list: list[str]
    model_slice: slice
    populators: list[Any]
    basis_at: int
    reason_at: int


_PLANS: dict[str, _Plan] = {}


def _plan(alias: str) -> _Plan:
    if (plan := _PLANS.get(alias)) is not None:
        return plan
    basis, reason = grant_basis(_ORGANISATION, _USER, _NOW)
    query = (
        Pregnancy.objects.using(alias)
        .select_related("mother", "partner", "lead_organisation")
        .annotate(access_basis=basis, access_reason=Trim(reason))
        .filter(public_id=_UID, pseudonymised_at__isnull=True)[:2]
    ).query
    compiler = query.get_compiler(using=alias)
    sql, params = compiler.as_sql()
    slots = []
    for value in params:
        name = next(
            (n for n, v in _STAND_INS.items() if type(value) is type(v) and value == v), None
        )
        slots.append((name, None) if name else ("value", value))
    if {name for name, _ in slots} != {*_STAND_INS, "value"}:  # every stand-in has its place
        raise RuntimeError(f"the family read compiled without a stand-in: {slots}")
    select_fields = compiler.klass_info["select_fields"]
    start, end = select_fields[0], select_fields[-1] + 1
    plan = _Plan(
        read_sql=sql,
        read_params=tuple(slots),
        compiler=compiler,
        init_list=[column[0].target.attname for column in compiler.select[start:end]],
        model_slice=slice(start, end),
        populators=get_related_populators(compiler.klass_info, compiler.select, alias),
        basis_at=compiler.annotation_col_map["access_basis"],
        reason_at=compiler.annotation_col_map["access_reason"],
    )
    _PLANS[alias] = plan
    return plan


def pregnancy_read_logged(
    *, uid: uuid.UUID, user: Any, now: datetime, row: AccessRow
) -> tuple[Pregnancy, Grant | None]:
    """The pregnancy `uid` with the basis on which `user` (a care professional) sees it, and
    its access-log row (`row`, without basis and reason: the read decides them) written by
    the same statement. Raises Pregnancy.DoesNotExist; returns a None grant when `user` may
    not see it (and no row was written)."""
    return _read(uid=uid, user=user, now=now, row=row)


def _read(
    *, uid: uuid.UUID, user: Any, now: datetime, row: AccessRow | None
) -> tuple[Pregnancy, Grant | None]:
    """`pregnancy_read_logged`; without `row`, the same read without its INSERT (only the
    families bench uses that, to show what the row itself costs)."""
    alias = router.db_for_write(Pregnancy)
    plan = _plan(alias)
    own = {"uid": uid, "organisation": user.organisation_id, "user": user.pk, "now": now}
    params = [value if name == "value" else own[name] for name, value in plan.read_params]
    sql = plan.read_sql
    if row is not None:
        values, by_id = access_row(**row)
        insert, insert_params = insert_select(
            values,
            organisation_by_id=by_id,
            source=READ,
            taken={"basis": f'{READ}."access_basis"', "reason": f'{READ}."access_reason"'},
            at=now,
            where=f'{READ}."access_basis" IS NOT NULL',
        )
        quote = connections[alias].ops.quote_name
        name, logged = quote(READ), quote("logged")
        sql = f"WITH {name} AS ({sql}), {logged} AS ({insert}) SELECT * FROM {name}"  # noqa: S608
        params += insert_params
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        rows = list(plan.compiler.results_iter(results=[cursor.fetchall()]))
    if not rows:
        raise Pregnancy.DoesNotExist
    found = rows[0]
    pregnancy = Pregnancy.from_db(alias, plan.init_list, found[plan.model_slice])
    for populator in plan.populators:
        populator.populate(found, pregnancy)
    if found[plan.basis_at] is None:
        return pregnancy, None
    return pregnancy, Grant(AccessBasis(found[plan.basis_at]), found[plan.reason_at])
