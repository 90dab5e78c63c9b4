"""Handing out, replacing and cancelling a Kindboekje on the ask-first page: success goes
back to the family's status, a refusal stays on the page with its code and message (422),
wrong input is shown at the field (400)."""

from datetime import date, timedelta

import pytest

from django.utils import translation

from perinatal.booklets.constants import Channel, RefusalCode, VoidReason
from perinatal.booklets.models import Booklet, HandoutRefusal
from perinatal.booklets.services import booklet_hand_out
from perinatal.pathways.tests.factories import register

from .factories import born, join_the_team
from .pages_support import act, family_with_number, hand_out, status_url

pytestmark = pytest.mark.django_db

TODAY = date.today()
SWITCH = date(2024, 8, 1)


def test_kind_en_gezin_hands_out_at_the_start_conversation(client_for, kg_nurse):
    with translation.override("en"):
        pregnancy = family_with_number(kg_nurse)
        client = client_for(kg_nurse)
        response = hand_out(client, pregnancy)
        assert response.status_code == 302
        assert response.url == status_url(pregnancy)
        booklet = Booklet.objects.get(pregnancy=pregnancy)
        assert (booklet.channel, booklet.step, booklet.in_turn, booklet.handed_out_on) == (
            Channel.KG_START_CONVERSATION,
            1,
            True,
            TODAY,
        )
        page = client.get(response.url)
        assert 'class="booklet-status has-booklet"' in page.content.decode()
        assert [str(m) for m in page.context["messages"]] == [
            "The Kindboekje is recorded as handed out."
        ]


def test_a_second_hand_out_is_refused_with_who_and_when(client_for, kg_nurse, midwife):
    pregnancy = family_with_number(kg_nurse)
    booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=TODAY - timedelta(days=5))
    response = hand_out(client_for(midwife), pregnancy)
    html = response.content.decode()
    assert response.status_code == 422
    assert f'<code class="refusal-code" hidden>{RefusalCode.ALREADY_HAS_BOOKLET}</code>' in html
    assert (TODAY - timedelta(days=5)).strftime("%d/%m/%Y") in html
    assert "Kind en Gezin" in response.context["panels"][0].hand_out_form.refusal.message
    # The form is shown open again, with the refusal.
    assert '<details class="hand-out" open>' in html
    assert Booklet.objects.filter(pregnancy=pregnancy).count() == 1
    assert HandoutRefusal.objects.get().code == RefusalCode.ALREADY_HAS_BOOKLET


def test_a_refusal_after_someone_else_was_quicker_shows_the_registry_as_it_is(
    client_for, kg_nurse, midwife
):
    """The midwife's page still offered the hand-out; meanwhile Kind en Gezin handed it out."""
    pregnancy = family_with_number(kg_nurse)
    client = client_for(midwife)
    assert client.get(status_url(pregnancy)).context["panels"][0].status.booklet is None
    booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=TODAY)
    response = hand_out(client, pregnancy)
    assert response.status_code == 422
    assert response.context["panels"][0].status.booklet is not None


# The procedure as the page applies it (seed 000; docs/decisions/0009-kindboekje.md): who, the child born how many days
# before the hand-out (None: not yet), admitted to the NICU, the hand-out date, the channel
# posted (None: the role's only one), the refusal code expected ("" = handed out).
PROCEDURE = [
    ("kg_nurse", None, False, TODAY, None, ""),
    ("midwife", None, False, TODAY, None, ""),
    ("midwife", 3, False, TODAY, None, ""),
    ("hospital_user", 1, False, TODAY, Channel.MATERNITY_CLINIC, RefusalCode.CHANNEL_NOT_ALLOWED),
    ("hospital_user", 1, False, TODAY, Channel.NICU, RefusalCode.CHANNEL_NOT_ALLOWED),
    ("hospital_user", 1, True, TODAY, Channel.NICU, ""),
    ("hospital_user", 1, True, TODAY, Channel.MATERNITY_CLINIC, RefusalCode.CHANNEL_NOT_ALLOWED),
    ("kg_nurse", None, False, SWITCH - timedelta(days=1), None, ""),
    ("kg_nurse", 1, False, SWITCH - timedelta(days=1), None, RefusalCode.REASON_REQUIRED),
    ("hospital_user", 1, False, SWITCH - timedelta(days=1), Channel.MATERNITY_CLINIC, ""),
    ("midwife", None, False, SWITCH - timedelta(days=1), None, RefusalCode.CHANNEL_NOT_ALLOWED),
]


@pytest.mark.parametrize(("who", "born_days", "nicu", "on", "channel", "code"), PROCEDURE)
def test_the_procedure_decides_on_the_page(
    request, client_for, kg_nurse, who, born_days, nicu, on, channel, code
):
    user = request.getfixturevalue(who)
    if born_days is None:
        pregnancy = register(kg_nurse, registered_on=on - timedelta(days=30))
    else:
        pregnancy = born(kg_nurse, on=on - timedelta(days=born_days), nicu=nicu)
    fields = {"on": on.isoformat()}
    if channel:
        fields["channel"] = channel
    response = hand_out(client_for(user), pregnancy, **fields)
    if code:
        assert response.status_code == 422
        assert response.context["panels"][0].hand_out_form.refusal.code == code
        assert not Booklet.objects.filter(pregnancy=pregnancy).exists()
        assert HandoutRefusal.objects.get(pregnancy=pregnancy).code == code
    else:
        assert response.status_code == 302
        booklet = Booklet.objects.get(pregnancy=pregnancy)
        assert (booklet.handed_out_on, booklet.in_turn) == (on, True)


def test_outside_the_turn_the_reason_is_asked_at_its_field(client_for, kg_nurse, midwife):
    """After the birth with an independent midwife following the family, Kind en Gezin's
    first contact is not step 3's turn: it may hand out only with a reason."""
    pregnancy = born(midwife, on=TODAY - timedelta(days=2))
    client = client_for(kg_nurse)
    assert client.get(status_url(pregnancy)).context["panels"][0].hint == "reason"
    response = hand_out(client, pregnancy)
    form = response.context["panels"][0].hand_out_form
    assert response.status_code == 422
    assert form.refusal.code == RefusalCode.REASON_REQUIRED
    assert form.errors["reason"] == [form.refusal.message]
    response = hand_out(client, pregnancy, reason="The family asks for it at the consultation.")
    assert response.status_code == 302
    booklet = Booklet.objects.get(pregnancy=pregnancy)
    assert (booklet.in_turn, booklet.step) == (False, None)
    assert booklet.out_of_turn_reason == "The family asks for it at the consultation."


def test_a_hand_out_in_the_future_is_an_error_at_the_date(client_for, kg_nurse):
    pregnancy = family_with_number(kg_nurse)
    response = hand_out(client_for(kg_nurse), pregnancy, on=(TODAY + timedelta(days=1)).isoformat())
    assert response.status_code == 400
    assert response.context["panels"][0].hand_out_form.errors["on"]
    assert not Booklet.objects.exists()


def test_a_missing_date_is_an_error_at_the_date(client_for, kg_nurse):
    pregnancy = family_with_number(kg_nurse)
    response = hand_out(client_for(kg_nurse), pregnancy, on="")
    assert response.status_code == 400
    assert response.context["panels"][0].hand_out_form.errors["on"]


def test_twins_are_handed_out_one_by_one(client_for, kg_nurse):
    pregnancy = born(kg_nurse, on=TODAY - timedelta(days=1), children=2)
    client = client_for(kg_nurse)
    assert hand_out(client, pregnancy, child=2).status_code == 302
    panels = client.get(status_url(pregnancy)).context["panels"]
    assert [p.status.booklet is not None for p in panels] == [False, True]
    assert hand_out(client, pregnancy, child=1).status_code == 302
    assert Booklet.objects.filter(pregnancy=pregnancy).count() == 2


@pytest.mark.parametrize(
    "data", [{"action": "hand_out", "child": "3"}, {"action": "x", "child": "1"}]
)
def test_an_unknown_child_or_action_is_refused(client_for, kg_nurse, data):
    pregnancy = family_with_number(kg_nurse)
    response = client_for(kg_nurse).post(status_url(pregnancy), data)
    assert response.status_code == 400
    assert not Booklet.objects.exists()


@pytest.mark.parametrize("reason", [VoidReason.LOST, VoidReason.DAMAGED])
def test_a_lost_or_damaged_booklet_is_replaced(client_for, kg_nurse, midwife, reason):
    """By the midwife's practice, a member of the family's care team (docs/decisions/0026)."""
    pregnancy = family_with_number(kg_nurse)
    join_the_team(kg_nurse, pregnancy, midwife)
    old = booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=TODAY - timedelta(days=30))
    response = act(
        client_for(midwife),
        pregnancy,
        "replace",
        on=TODAY.isoformat(),
        reason=reason,
        note="Water damage",
    )
    assert response.status_code == 302
    old.refresh_from_db()
    new = Booklet.objects.get(pregnancy=pregnancy, voided_on__isnull=True)
    assert (old.voided_on, old.void_reason, old.void_note) == (TODAY, reason, "Water damage")
    assert new.replaces == old and new.channel == Channel.INDEPENDENT_MIDWIFE


def test_a_replacement_without_the_reason_is_an_error_at_the_field(client_for, kg_nurse):
    pregnancy = family_with_number(kg_nurse)
    booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=TODAY)
    response = act(client_for(kg_nurse), pregnancy, "replace", on=TODAY.isoformat())
    assert response.status_code == 400
    assert response.context["panels"][0].replace_form.errors["reason"]
    assert Booklet.objects.get().voided_on is None


def test_a_hand_out_recorded_in_error_is_cancelled_by_its_organisation(client_for, kg_nurse):
    pregnancy = family_with_number(kg_nurse)
    booklet = booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=TODAY)
    client = client_for(kg_nurse)
    assert act(client, pregnancy, "cancel", note="").status_code == 400
    response = act(client, pregnancy, "cancel", note="Wrong family")
    assert response.status_code == 302
    booklet.refresh_from_db()
    assert (booklet.void_reason, booklet.void_note) == (
        VoidReason.RECORDED_IN_ERROR,
        "Wrong family",
    )
    assert client.get(status_url(pregnancy)).context["panels"][0].status.booklet is None


def test_another_organisation_cannot_cancel_a_hand_out(client_for, kg_nurse, midwife):
    pregnancy = family_with_number(kg_nurse)
    booklet = booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=TODAY)
    client = client_for(midwife)
    assert client.get(status_url(pregnancy)).context["panels"][0].cancel_form is None
    response = act(client, pregnancy, "cancel", note="Not ours")
    assert response.status_code == 403
    booklet.refresh_from_db()
    assert booklet.voided_on is None


@pytest.mark.parametrize("who", ["provider", "kraamzorg_user"])
def test_who_does_not_hand_out_cannot_post_a_hand_out(request, client_for, kg_nurse, who):
    pregnancy = family_with_number(kg_nurse)
    response = hand_out(client_for(request.getfixturevalue(who)), pregnancy)
    assert response.status_code == 403
    assert not Booklet.objects.exists()
