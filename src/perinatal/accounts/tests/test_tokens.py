"""API tokens: stored only as a digest, expiring, revocable; made on the account page (after
the second factor) or on the command line, and shown only once."""

import hashlib
from datetime import timedelta
from io import StringIO

import pytest
import time_machine

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from perinatal.accounts import tokens
from perinatal.accounts.models import ApiToken
from perinatal.audit.models import ChangeEvent

pytestmark = pytest.mark.django_db

URL = "/nl/account/tokens/"


def _columns(record: ApiToken) -> str:
    return " ".join(str(v) for v in ApiToken.objects.filter(pk=record.pk).values().get().values())


def test_only_a_digest_and_a_prefix_are_stored(midwife):
    record, token = tokens.token_create(user=midwife, name="epd")
    assert len(token) >= 43
    assert record.digest == hashlib.sha256(token.encode()).hexdigest()
    assert record.prefix == token[:8]
    assert token not in _columns(record)
    assert tokens.user_for_token(token) == (midwife, record)


def test_tokens_are_random_and_distinct(midwife):
    made = {tokens.token_create(user=midwife, name=f"t{i}")[1] for i in range(5)}
    assert len(made) == 5


def test_a_token_expires_after_90_days_by_default(midwife):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        record, token = tokens.token_create(user=midwife, name="epd")
    assert record.expires_at == start + timedelta(days=90)
    with time_machine.travel(start + timedelta(days=90) - timedelta(seconds=1), tick=False):
        assert tokens.user_for_token(token) is not None
    with time_machine.travel(start + timedelta(days=90), tick=False):
        assert tokens.user_for_token(token) is None


@pytest.mark.parametrize(
    ("name", "days"), [("", 90), ("   ", 90), ("epd", 0), ("epd", 366), ("epd", -5)]
)
def test_a_token_needs_a_name_and_a_sensible_validity(midwife, name, days):
    with pytest.raises(tokens.TokenRefused):
        tokens.token_create(user=midwife, name=name, days=days)
    assert not ApiToken.objects.exists()


def test_parents_and_inactive_users_get_no_token(parent, midwife):
    midwife.is_active = False
    midwife.save()
    for user in (parent, midwife):
        with pytest.raises(tokens.TokenRefused):
            tokens.token_create(user=user, name="x")
    assert not ApiToken.objects.exists()


def test_revoking_stops_the_token_and_is_logged(midwife):
    record, token = tokens.token_create(user=midwife, name="epd", by=midwife)
    tokens.token_revoke(token=record, by=midwife)
    tokens.token_revoke(token=record, by=midwife)  # again: nothing more happens
    assert tokens.user_for_token(token) is None
    events = ChangeEvent.objects.filter(object_type="accounts.apitoken", object_id=str(record.pk))
    assert sorted(e.action for e in events) == ["create", "update"]
    for event in events:
        assert token not in str(event.changes) + event.object_repr + event.reason


def test_an_unknown_or_overlong_token_is_nobody(midwife):
    tokens.token_create(user=midwife, name="epd")
    assert tokens.user_for_token("nope") is None
    assert tokens.user_for_token("x" * 5000) is None
    assert tokens.user_for_token("") is None


# --- The account page -------------------------------------------------------------------------


def test_a_verified_professional_makes_a_token_and_sees_it_once(client_for, midwife):
    client = client_for(midwife)
    response = client.post(URL, {"name": "Verloskunde EPD", "days": "30"})
    assert response.status_code == 200
    record = ApiToken.objects.get(user=midwife)
    token = response.context["new_token"]
    assert record.digest == tokens.digest(token)
    assert token in response.content.decode()
    assert record.expires_at - record.created_at == timedelta(days=30)
    assert response["Cache-Control"] == "no-store"
    again = client.get(URL)
    assert token not in again.content.decode()
    assert record.prefix in again.content.decode()
    assert "Verloskunde EPD" in again.content.decode()


def test_wrong_input_on_the_page_stores_nothing(client_for, midwife):
    response = client_for(midwife).post(URL, {"name": "", "days": "1000"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "days"}
    assert not ApiToken.objects.exists()


def test_the_page_revokes_only_ones_own_tokens(client_for, midwife, kg_nurse):
    own, _ = tokens.token_create(user=midwife, name="mine")
    other, _ = tokens.token_create(user=kg_nurse, name="theirs")
    client = client_for(midwife)
    assert client.post(f"/nl/account/tokens/{other.public_id}/revoke/").status_code == 404
    assert client.get(f"/nl/account/tokens/{own.public_id}/revoke/").status_code == 405
    response = client.post(f"/nl/account/tokens/{own.public_id}/revoke/")
    assert response.status_code == 302
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.revoked_at is not None
    assert other.revoked_at is None


def test_the_page_needs_a_professional_with_the_second_factor(client_for, midwife, parent):
    assert Client().get(URL).status_code == 302  # to the login
    unverified = client_for(midwife, verified=False).get(URL)
    assert unverified.status_code == 302
    assert "/two-factor/" in unverified["Location"]
    assert client_for(parent).get(URL).status_code == 403
    assert client_for(parent).post(URL, {"name": "x", "days": "9"}).status_code == 403
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_page_speaks_the_language(client_for, analyst, language):
    response = client_for(analyst).get(f"/{language}/account/tokens/")
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


# --- The command line -------------------------------------------------------------------------


def test_the_command_makes_lists_and_revokes(midwife):
    out, err = StringIO(), StringIO()
    call_command("tokens", "create", "midwife", "--name", "ziekenhuis", stdout=out, stderr=err)
    token = out.getvalue().strip()
    record = ApiToken.objects.get()
    assert record.digest == tokens.digest(token)
    listing = StringIO()
    call_command("tokens", "list", stdout=listing)
    assert record.prefix in listing.getvalue() and token not in listing.getvalue()
    call_command("tokens", "revoke", record.prefix, stdout=StringIO())
    assert tokens.user_for_token(token) is None


def test_the_command_refuses_what_the_service_refuses(parent):
    with pytest.raises(CommandError):
        call_command("tokens", "create", "parent", "--name", "x", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("tokens", "create", "nobody", "--name", "x", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("tokens", "revoke", "unknown", stdout=StringIO())


def test_a_prefix_never_starts_like_an_option_on_the_command_line(midwife, monkeypatch):
    """A prefix starting with "-" was read by `tokens revoke` as an option (1 token in 64)."""
    drawn = iter(["-" + "a" * 42, "b" * 43])
    monkeypatch.setattr(tokens.secrets, "token_urlsafe", lambda n: next(drawn))
    record, token = tokens.token_create(user=midwife, by=midwife, name="x")
    assert token == "b" * 43 and record.prefix == token[: tokens.PREFIX_LENGTH]
    call_command("tokens", "revoke", record.prefix, stdout=StringIO())
    assert tokens.user_for_token(token) is None
