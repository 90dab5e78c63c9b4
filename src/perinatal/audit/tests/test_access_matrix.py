"""The access matrix (issue 17, decision 0033): every principal — a user of every role in
`accounts.constants.Role` (the parent among them) in an organisation of its own, a superuser
and an anonymous visitor, none of them in the family's care team — calls every page and API
endpoint that takes the id of a family record (found by walking the URL resolver: the URLs
whose arguments the apps registered in `audit.refusals.protected_urls`), with GET and POST.

For each call it counts: refused (401, 403, 404, or the login page), answered (anything else,
which must not be a family's data), leaks (the family's names, numbers or birth date in the
answer — goal 0) and, for the refusals of a signed-in principal, whether a refused row is in
the access log (goal: all). The figures are printed, and written as JSON to
`$ACCESS_MATRIX_REPORT` when set (docs/security.md quotes them).
"""

import json
import os
from collections import Counter
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone, translation

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import logged_in_client, make_persona
from perinatal.audit.models import AccessEvent
from perinatal.audit.refusals import protected_urls
from perinatal.booklets.services import booklet_hand_out
from perinatal.booklets.tests.registry_support import parent_order
from perinatal.directory.tests.factories import OrganizationFactory, ServiceFactory
from perinatal.kraamzorg.services.requests import request_refer
from perinatal.kraamzorg.tests.intake_support import offer_for, request_input
from perinatal.parents.models import CorrectionRequest
from perinatal.parents.tests.factories import linked_parent
from perinatal.pathways import access
from perinatal.pathways.services import care_team, discharges, outreach, referrals
from perinatal.pathways.tests.api_support import token_for
from perinatal.pathways.tests.factories import mother, national_number_for, participate, register

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
MOTHER_NUMBER = national_number_for(date(1994, 3, 12), 41)
GIVEN, FAMILY = "Zoubida", "Matrixmoeder"
# What a refused answer must never hold.
PERSONAL = (GIVEN, FAMILY, MOTHER_NUMBER, "12/03/1994", "1994-03-12", "12.03.1994")
NAMESPACES = ("pathways", "booklets", "kraamzorg", "parents", "api-v1")
EXTRA = {"year": "2025", "month": "6", "kind": "ppa", "service_id": None, "event_id": "1"}


@pytest.fixture
def world(midwife, hospital_user, kg_nurse, provider, kraamzorg_user, parent):
    """One family with a record of every kind, held by the personas' organisations."""
    for user in (midwife, kg_nurse, provider):
        participate(user)
    pregnancy = register(
        midwife,
        registered_on=date(2025, 3, 1),
        due_date=date(2025, 6, 20),
        mother=mother(
            given_name=GIVEN,
            family_name=FAMILY,
            national_number=MOTHER_NUMBER,
            no_national_number="",
        ),
    )
    grant = access.grant_for(midwife, pregnancy)
    care_team.team_member_add(
        by=midwife, pregnancy=pregnancy, grant=grant, organisation=hospital_user.organisation
    )
    directory_org = OrganizationFactory()
    kraamzorg_user.organisation.directory_organization = directory_org
    kraamzorg_user.organisation.save()
    service = ServiceFactory(organization=directory_org)
    referral = referrals.referral_create(
        by=midwife, pregnancy=pregnancy, grant=grant, service=service, reason="kraamzorg"
    )
    discharge = discharges.discharge_record(
        by=hospital_user,
        pregnancy=pregnancy,
        grant=access.grant_for(hospital_user, pregnancy),
        discharged_at=datetime(2025, 6, 2, 11, 0, tzinfo=BRUSSELS),
        to_organisation=kg_nurse.organisation,
    )
    proposal = outreach.screening_propose(
        by=midwife,
        pregnancy=pregnancy,
        grant=grant,
        date=date(2025, 6, 2),
        to_organisation=provider.organisation,
    )
    booklet = booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=timezone.localdate())
    order = parent_order(parent, number=MOTHER_NUMBER, pregnancy=pregnancy)
    kraamzorg_request = request_refer(
        by=midwife,
        pregnancy=pregnancy,
        offer=offer_for(kraamzorg_user),
        data=request_input(due_date=timezone.localdate().replace(day=1)),
        reason="help at home",
    )
    correction = CorrectionRequest.objects.create(
        pregnancy=pregnancy,
        asked_by=linked_parent(pregnancy, username="matrix-own-parent"),
        text="the due date",
    )
    ids = {
        "pathways.pregnancy": pregnancy.public_id,
        "parents.correctionrequest": correction.public_id,
        "pathways.referral": referral.public_id,
        "pathways.hospitaldischarge": discharge.public_id,
        "pathways.screeningproposal": proposal.public_id,
        "booklets.booklet": booklet.public_id,
        "booklets.bookletorder": order.public_id,
        "kraamzorg.kraamzorgrequest": kraamzorg_request.public_id,
    }
    return SimpleNamespace(ids=ids, service=service)


def _patterns(resolver: URLResolver, namespace: str = "") -> list[tuple[str, str, URLPattern]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace) if n)
            found += _patterns(entry, inner)
        elif entry.name and namespace in NAMESPACES:
            found.append((namespace, f"{namespace}:{entry.name}", entry))
    return found


def protected_endpoints() -> list[tuple[str, str, str]]:
    """(view name, the protected argument, its finder's key) of every URL naming a record."""
    found = {}
    for namespace, view_name, entry in _patterns(get_resolver()):
        for argument in _arguments(entry):
            key = next(
                (
                    k
                    for k in (f"{view_name}:{argument}", f"{namespace}:{argument}")
                    if k in protected_urls
                ),
                None,
            )
            if key:
                found[view_name] = (view_name, argument, key)
                break
    return sorted(found.values())


def _arguments(entry: URLPattern) -> list[str]:
    pattern = entry.pattern
    return list(getattr(pattern, "converters", {})) or [
        part.split(">")[0].split(":")[-1] for part in str(pattern).split("<")[1:]
    ]


def _principals(admin_user) -> dict[str, Any]:
    users: dict[str, Any] = {
        role.value: make_persona(role, username=f"matrix-{role.value}") for role in Role
    }
    # A parent linked to another family (issue 16): their own space never opens this one.
    other = register(make_persona(Role.KG_PROFESSIONAL, username="matrix-other-lead"))
    users["parent linked to another family"] = linked_parent(other, username="matrix-other-parent")
    users["superuser"] = admin_user
    users["anonymous"] = None
    return users


def _url(view_name: str, argument: str, key: str, world) -> str:
    from django.urls import reverse

    finder = protected_urls[key]
    # The world's record this URL argument names (ids are UUIDs: one finder knows each).
    record_id = next(str(i) for i in world.ids.values() if finder(None, str(i)) is not None)
    entry = next(e for _, name, e in _patterns(get_resolver()) if name == view_name)
    kwargs = {}
    for name in _arguments(entry):
        if name == argument:
            kwargs[name] = record_id
        else:
            kwargs[name] = EXTRA.get(name) or str(world.service.id)
    with translation.override("en"):
        return reverse(view_name, kwargs=kwargs)


def _call(principal: str, user: Any, url: str, method: str, clients: dict) -> Any:
    if url.startswith("/api/"):
        headers = {"Accept-Language": "en"}
        if user is not None:
            if principal not in clients:
                clients[principal] = token_for(user)
            headers["Authorization"] = f"Bearer {clients[principal]}"
        client = Client()
        if method == "GET":
            return client.get(url, headers=headers)
        return client.post(url, data="{}", content_type="application/json", headers=headers)
    page_key = f"page:{principal}"
    if page_key not in clients:
        clients[page_key] = Client() if user is None else logged_in_client(user)
    client = clients[page_key]
    return client.get(url) if method == "GET" else client.post(url, {})


def _refused(response) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    return response.status_code == 302 and "/login/" in response.get("Location", "")


def test_every_principal_is_refused_every_family_record_without_a_leak_and_each_is_logged(
    world, admin_user, settings
):
    settings.LOOKUP_RATE = "100000/h"
    endpoints = protected_endpoints()
    # The walk finds the records of every app (a URL added later is in the matrix by itself).
    assert {key.split(":")[0] for _, _, key in endpoints} == {
        "pathways",
        "booklets",
        "kraamzorg",
        "parents",
        "api-v1",
    }
    principals = _principals(admin_user)
    clients: dict = {}
    figures: Counter = Counter()
    leaks, unlogged, answered = [], [], []
    urls = {}
    for view_name, argument, key in endpoints:
        urls.setdefault(_url(view_name, argument, key, world), view_name)
    for url, view_name in sorted(urls.items()):
        for method in ("GET", "POST"):
            for principal, user in principals.items():
                before = AccessEvent.objects.filter(outcome="refused").count()
                response = _call(principal, user, url, method, clients)
                if response.status_code == 405:
                    figures["method not allowed"] += 1
                    continue
                figures["attempts"] += 1
                body = b"".join(response) if response.streaming else response.content
                text = body.decode(errors="replace")
                if any(value in text for value in PERSONAL):
                    leaks.append((principal, method, view_name, response.status_code))
                logged = AccessEvent.objects.filter(outcome="refused").count() > before
                if not _refused(response) and not logged:
                    # 400/422: the body was refused before any record was read.
                    kind = "invalid input" if response.status_code in (400, 422) else "answered"
                    figures[f"{kind} (record not read)"] += 1
                    if kind == "answered":
                        answered.append((principal, method, view_name, response.status_code))
                    continue
                figures["refused"] += 1
                if not _refused(response):
                    # The emergency-access page: refused the record, offered the glass to break.
                    figures["refused, shown the emergency access form"] += 1
                if user is None:
                    figures["refused, anonymous (not logged by decision)"] += 1
                    continue
                figures["refused, signed in"] += 1
                if logged:
                    figures["refused and logged"] += 1
                else:
                    unlogged.append((principal, method, view_name, response.status_code))
    figures["leaks"] = len(leaks)
    report = {
        "database": connection.vendor,
        "principals": len(principals),
        "urls": len(urls),
        "figures": dict(figures),
        "answered": sorted({f"{m} {v} {s} ({p})" for p, m, v, s in answered}),
        "not logged": sorted({f"{m} {v} {s} ({p})" for p, m, v, s in unlogged}),
        "reasons": dict(
            Counter(AccessEvent.objects.filter(outcome="refused").values_list("refusal", flat=True))
        ),
    }
    print(json.dumps(report, indent=2))
    if os.environ.get("ACCESS_MATRIX_REPORT"):
        with open(os.environ["ACCESS_MATRIX_REPORT"], "w", encoding="utf-8") as out:
            json.dump(report, out, indent=2)
    assert leaks == []
    assert unlogged == []
    assert answered == []  # every call was refused, or its body refused before any read


def test_the_familys_own_parent_is_refused_every_professional_page_and_endpoint(world):
    """A parent linked to the family (issue 16) sees it only in the parents' space: every page
    and endpoint of the professionals that names one of its records refuses them, logged."""
    from perinatal.accounts.models import User

    parent = User.objects.get(username="matrix-own-parent")
    clients: dict = {}
    urls = {
        _url(view_name, argument, key, world): view_name
        for view_name, argument, key in protected_endpoints()
        if not view_name.startswith("parents:")
    }
    tried, unlogged, answered = 0, [], []
    for url, view_name in sorted(urls.items()):
        for method in ("GET", "POST"):
            before = AccessEvent.objects.filter(outcome="refused", actor=parent).count()
            response = _call("own parent", parent, url, method, clients)
            if response.status_code in (405, 400, 422):
                continue
            tried += 1
            if not _refused(response):
                answered.append((method, view_name, response.status_code))
            elif AccessEvent.objects.filter(outcome="refused", actor=parent).count() == before:
                unlogged.append((method, view_name, response.status_code))
    assert tried > 50
    assert answered == []
    assert unlogged == []
