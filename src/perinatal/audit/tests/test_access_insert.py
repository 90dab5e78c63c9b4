"""The access log's INSERT written as SQL (`audit/access_insert.py`): it fills every column
of the model, and a page's rows of several kinds go in one statement."""

import pytest

from perinatal.audit.access_insert import COLUMNS
from perinatal.audit.models import AccessEvent
from perinatal.audit.services import access_records_of

pytestmark = pytest.mark.django_db


def test_the_insert_fills_every_column_of_the_access_log():
    columns = {field.column for field in AccessEvent._meta.concrete_fields}
    assert columns == {*COLUMNS, "at", "id"}


def test_rows_of_several_kinds_and_bases_go_in_one_statement(
    kg_nurse, rf, django_assert_num_queries
):
    request = rf.get("/", REMOTE_ADDR="10.1.2.3")
    request.request_id = "req-1"
    records = [
        ("pathways.pregnancy", "p-1", "fam-1", "care_team"),
        ("pathways.pregnancy", "p-2", "fam-2", "consent"),
        ("pathways.referral", "r-1", "fam-3", "referral"),
    ]
    str(kg_nurse.organisation)  # held by the account: the rows take its name
    with django_assert_num_queries(1):
        written = access_records_of(
            actor=kg_nurse, records=records, action="read", purpose="work list", request=request
        )
    assert written == 3
    rows = AccessEvent.objects.order_by("record_id").values_list(
        "record_type",
        "record_id",
        "subject",
        "basis",
        "actor_username",
        "actor_organisation",
        "purpose",
        "request_id",
        "client_address",
        "outcome",
    )
    assert list(rows) == [
        (
            record_type,
            record_id,
            subject,
            basis,
            "kg-nurse",
            str(kg_nurse.organisation),
            "work list",
            "req-1",
            "10.1.2.3",
            "granted",
        )
        for record_type, record_id, subject, basis in records
    ]
    assert len({event.at for event in AccessEvent.objects.all()}) == 1
