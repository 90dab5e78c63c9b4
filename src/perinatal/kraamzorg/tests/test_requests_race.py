"""Never two open requests for a family at one service, even when they come at the same moment:
threads (each with its own database connection) released together by a barrier end with one
request and `already_open` for the others; the partial unique constraint decides the race, and
the constraint itself refuses a second open row stored around the service."""

import threading

import pytest

from django.db import IntegrityError, connection, transaction

from perinatal.core.refusals import RuleRefused
from perinatal.kraamzorg.constants import RequestStatus
from perinatal.kraamzorg.models import KraamzorgRequest
from perinatal.kraamzorg.services.requests import request_submit

from .intake_support import offer_for, request_input

CALLERS = 6


@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_for_one_family_end_in_one(kraamzorg_user, audit_flushable):
    offer = offer_for(kraamzorg_user)
    barrier = threading.Barrier(CALLERS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def ask() -> None:
        try:
            barrier.wait(timeout=30)
            request_submit(by=None, offer=offer, data=request_input())
            outcome = "created"
        except RuleRefused as refused:
            outcome = refused.code
        except Exception as exc:  # noqa: BLE001 - reported in the assertion below
            outcome = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=ask) for _ in range(CALLERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["already_open"] * (CALLERS - 1) + ["created"]
    assert KraamzorgRequest.objects.filter(offer=offer).count() == 1


@pytest.mark.django_db
def test_the_database_refuses_a_second_open_request_for_the_family(kraamzorg_user):
    offer = offer_for(kraamzorg_user)
    first = request_submit(by=None, offer=offer, data=request_input())
    fields = {
        f.name: getattr(first, f.name)
        for f in KraamzorgRequest._meta.concrete_fields
        if f.name not in ("id", "public_id", "submitted_at")
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        KraamzorgRequest.objects.create(**fields)
    # A closed request does not count: the family may ask again.
    KraamzorgRequest.objects.filter(pk=first.pk).update(status=RequestStatus.WITHDRAWN)
    assert KraamzorgRequest.objects.create(**{**fields, "status": RequestStatus.SUBMITTED}).pk
