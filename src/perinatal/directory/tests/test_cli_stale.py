import json
from datetime import timedelta

import pytest

from django.core.management import call_command
from django.utils import timezone

from perinatal.directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_stale_lists_entries_unverified_for_a_year(capsys):
    today = timezone.localdate()
    never = ServiceFactory(name_nl="Nooit gecontroleerd")
    old = ServiceFactory(name_nl="Oud", last_verified=today - timedelta(days=400))
    ServiceFactory(name_nl="Recent", last_verified=today - timedelta(days=10))
    call_command("directory", "stale", "--json")
    payload = json.loads(capsys.readouterr().out)
    assert payload["count"] == 2
    assert {r["id"] for r in payload["results"]} == {str(never.id), str(old.id)}
    call_command("directory", "stale", "--days", "5", "--json")
    assert json.loads(capsys.readouterr().out)["count"] == 3
