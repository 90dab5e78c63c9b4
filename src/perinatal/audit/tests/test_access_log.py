"""The access log of personal data (NEN 7513 style): complete rows, insert-only, and a page
for administrators whose every search is itself logged."""

from datetime import date

import pytest

from django.db import DatabaseError, IntegrityError, transaction

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import logged_in_client
from perinatal.audit.models import AccessEvent
from perinatal.audit.selectors import accesses, accesses_to_subject
from perinatal.audit.services import access_record

pytestmark = pytest.mark.django_db

URL = "/nl/audit/access-log/"


def _read(actor, subject="fam-1", **extra):
    values = {
        "action": "read",
        "record_type": "pathways.pregnancy",
        "record_id": "p-1",
        "subject": subject,
        "purpose": "care",
        "basis": "care_team",
        **extra,
    }
    return access_record(actor=actor, **values)


def test_a_row_says_who_for_whom_what_why_and_on_which_basis(kg_nurse, rf):
    request = rf.get("/", REMOTE_ADDR="10.1.2.3")
    request.request_id = "abc123"
    event = _read(kg_nurse, on_behalf_of="a colleague", request=request)
    event.refresh_from_db()
    assert (event.actor_username, event.actor_role, event.actor_organisation) == (
        "kg-nurse",
        Role.KG_PROFESSIONAL,
        str(kg_nurse.organisation),
    )
    assert (event.subject, event.record_type, event.action, event.purpose, event.basis) == (
        "fam-1",
        "pathways.pregnancy",
        "read",
        "care",
        "care_team",
    )
    assert (event.on_behalf_of, event.request_id, event.client_address) == (
        "a colleague",
        "abc123",
        "10.1.2.3",
    )
    assert event.at is not None


def test_the_row_takes_the_organisations_name_in_its_one_insert(
    kg_nurse, django_assert_num_queries
):
    """A fresh `request.user` does not hold its organisation: the INSERT reads the name
    itself, so logging a read is one statement (and the name is the one of that moment)."""
    from django.contrib.auth import get_user_model

    fresh = get_user_model().objects.get(pk=kg_nurse.pk)
    with django_assert_num_queries(1):
        event = _read(fresh)
    stored = AccessEvent.objects.get(pk=event.pk)
    assert stored.actor_organisation == kg_nurse.organisation.name != ""
    assert event.actor_organisation == stored.actor_organisation  # read when asked
    kg_nurse.organisation.name = "Renamed team"
    kg_nurse.organisation.save()
    assert AccessEvent.objects.get(pk=event.pk).actor_organisation == stored.actor_organisation


def test_break_the_glass_needs_a_written_reason(kg_nurse):
    with pytest.raises(IntegrityError), transaction.atomic():
        _read(kg_nurse, basis="break_the_glass", reason="  ")
    assert _read(kg_nurse, basis="break_the_glass", reason="Acute crisis, team absent").pk


@pytest.mark.parametrize("field", ["action", "basis"])
def test_unknown_actions_and_bases_are_refused_by_the_database(kg_nurse, field):
    with pytest.raises(IntegrityError), transaction.atomic():
        _read(kg_nurse, **{field: "peek"})


@pytest.mark.parametrize("statement", ["update", "delete"])
def test_the_access_log_refuses_updates_and_deletes(audit_guarded, kg_nurse, statement):
    _read(kg_nurse)
    events = AccessEvent.objects.all()
    with pytest.raises(DatabaseError), transaction.atomic():
        if statement == "update":
            events.update(purpose="rewritten")
        else:
            events.delete()
    assert events.get().purpose == "care"


def test_a_family_can_be_given_who_looked_at_its_record(kg_nurse, midwife):
    _read(kg_nurse, subject="fam-1")
    _read(midwife, subject="fam-2")
    _read(midwife, subject="fam-1", action="update")
    assert [(e.actor_username, e.action) for e in accesses_to_subject("fam-1")] == [
        ("midwife", "update"),
        ("kg-nurse", "read"),
    ]


def test_administrator_searches_the_log_and_the_search_is_logged(admin_user, kg_nurse):
    _read(kg_nurse, subject="fam-1")
    _read(kg_nurse, subject="fam-2")
    client = logged_in_client(admin_user)
    response = client.get(URL, {"subject": "fam-1"})
    assert response.status_code == 200
    # the nurse's read of fam-1, and this very search (logged before it runs)
    assert [e.actor_username for e in response.context["events"]] == ["admin", "kg-nurse"]
    logged = AccessEvent.objects.get(actor_username="admin")
    assert (logged.action, logged.basis, logged.subject, logged.record_type) == (
        "search",
        "audit",
        "fam-1",
        "audit.accessevent",
    )
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "Kind en Gezin-medewerker" in html or "Kind en Gezin" in html
    assert "kg_professional —" not in html  # the role by its label, never its code


def test_a_refused_attempt_shows_as_refused_with_its_reason(admin_user, kg_nurse):
    _read(kg_nurse, subject="fam-1", refusal="not_in_care_team", basis="none")
    response = logged_in_client(admin_user).get(URL, {"subject": "fam-1"})
    html = response.content.decode()
    assert 'class="tag refused"' in html
    assert "not_in_care_team" not in html


@pytest.mark.parametrize(
    "role",
    [
        Role.PARENT,
        Role.KG_PROFESSIONAL,
        Role.DIRECTORY_EDITOR,
        Role.ANALYST,
        Role.INDEPENDENT_MIDWIFE,
    ],
)
def test_other_personas_cannot_read_the_log(persona, role):
    client = logged_in_client(persona(role))
    assert client.get(URL, {"subject": "fam-1"}).status_code == 403
    assert not AccessEvent.objects.exists()


def test_reading_the_log_needs_the_second_factor(admin_user):
    client = logged_in_client(admin_user, verified=False)
    response = client.get(URL, {"subject": "fam-1"})
    assert response.status_code == 302 and "two-factor" in response["Location"]
    assert not AccessEvent.objects.exists()


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_dates_in_the_wrong_order_are_refused_and_nothing_is_searched(admin_user):
    client = logged_in_client(admin_user)
    response = client.get(URL, {"since": "2026-11-02", "until": "2026-11-01"})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert not AccessEvent.objects.exists()


def test_filters_narrow_the_log(kg_nurse, midwife):
    _read(kg_nurse, subject="fam-1")
    _read(midwife, subject="fam-1")
    assert [e.actor_username for e in accesses(subject="fam-1", actor="midwife")] == ["midwife"]
    assert accesses(since=date(2000, 1, 1), until=date(2000, 1, 2)).count() == 0
