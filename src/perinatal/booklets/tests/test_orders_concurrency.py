"""Orders sent at the same moment: the parents' partial unique constraint keeps one open order
per child, and a practice's orders pass the six-month rule one at a time (the organisation row
is locked; on SQLite every transaction begins IMMEDIATE). Threads with their own connections,
released together by a barrier; on PostgreSQL and SQLite."""

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from django.db import connection

from perinatal.booklets.constants import OrderStatus, RefusalCode
from perinatal.booklets.errors import BookletRefused
from perinatal.booklets.models import BookletOrder

from .orders_support import child_number, midwife_order, parent_order

CALLERS = 6


def at_once(action: Callable[[], Any]) -> list[Any]:
    """Run `action` in CALLERS threads released together; each result or the exception."""
    barrier = threading.Barrier(CALLERS, timeout=60)
    results: list[Any] = [None] * CALLERS

    def call(n: int) -> None:
        try:
            barrier.wait()
            results[n] = action()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            results[n] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=call, args=(n,)) for n in range(CALLERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def outcome(result: Any) -> str:
    if isinstance(result, BookletRefused):
        return result.code
    if isinstance(result, BookletOrder):
        return result.status
    return repr(result)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_parent_orders_for_one_child_give_one_order(audit_flushable, parent):
    results = at_once(lambda: parent_order(parent, child_number(77)))
    assert Counter(outcome(r) for r in results) == {
        "submitted": 1,
        RefusalCode.CHILD_ALREADY_ORDERED: CALLERS - 1,
    }
    assert BookletOrder.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_practice_orders_pass_the_need_rule_one_at_a_time(audit_flushable, midwife):
    results = at_once(lambda: midwife_order(midwife, 4, declared_births=10))
    assert Counter(outcome(r) for r in results) == {
        "submitted": 2,
        RefusalCode.OVER_SIX_MONTHS_NEED: CALLERS - 2,
    }
    assert BookletOrder.objects.filter(status=OrderStatus.SUBMITTED).count() == 2
    assert BookletOrder.objects.filter(status=OrderStatus.REFUSED).count() == CALLERS - 2
