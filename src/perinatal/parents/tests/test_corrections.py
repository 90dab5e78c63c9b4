"""A correction asked by the family: from the parent's page to the care team's home page, to
the page where it is answered, and back to the parent (the status, the answer, a notice);
access and change rows on each step."""

import pytest

from django.urls import reverse
from django.utils import translation

from perinatal.accounts.tests.factories import logged_in_client
from perinatal.audit.models import AccessEvent, ChangeEvent
from perinatal.notifications.models import Notification
from perinatal.pathways.tests.factories import register

from ..models import CorrectionRequest
from .factories import linked_parent

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(kg_nurse):
    return register(kg_nurse)


@pytest.fixture
def mum(family):
    return linked_parent(family, username="mum", preferred_language="nl")


def my_data(family, lang="nl"):
    with translation.override(lang):
        return reverse("parents:my_data", args=[family.public_id])


def ask(client, family, text="The birth date of my partner is wrong", should_be="30 July 1990"):
    return client.post(my_data(family), {"text": text, "should_be": should_be})


def test_the_correction_goes_to_the_care_teams_home_and_back_to_the_parent(family, mum, kg_nurse):
    parent_client = logged_in_client(mum)
    response = ask(parent_client, family)
    assert response.status_code == 302
    correction = CorrectionRequest.objects.get(pregnancy=family)
    assert (correction.asked_by, correction.handled_at) == (mum, None)
    created = AccessEvent.objects.get(actor=mum, action="create")
    assert (created.basis, created.record_type) == ("own_record", "parents.correctionrequest")
    assert ChangeEvent.objects.filter(actor=mum, object_type="parents.correctionrequest").exists()

    nurse = logged_in_client(kg_nurse)
    with translation.override("nl"):
        home = nurse.get(reverse("worklist:home")).content.decode()
        handle = reverse("parents:correction_handle", args=[correction.public_id])
    assert "Verbeteringen gevraagd door het gezin" in home
    assert handle in home

    page = nurse.get(handle)
    assert page.status_code == 200
    assert "The birth date of my partner is wrong" in page.content.decode()
    assert reverse("pathways:pregnancy", args=[family.public_id]) in page.content.decode()
    answered = nurse.post(handle, {"answer": "Corrected: 30 July 1990."})
    assert answered.status_code == 302
    correction.refresh_from_db()
    assert correction.handled_by == kg_nurse and correction.answer == "Corrected: 30 July 1990."
    row = AccessEvent.objects.filter(actor=kg_nurse, action="update").latest("id")
    assert (row.basis, row.record_type) == ("care_team", "parents.correctionrequest")
    change = ChangeEvent.objects.filter(actor=kg_nurse).latest("id")
    assert change.changes["answer"] == ["", "Corrected: 30 July 1990."]

    with translation.override("nl"):
        assert (
            "Verbeteringen gevraagd door het gezin"
            in nurse.get(reverse("worklist:home")).content.decode()
        )  # the heading stays, the item is gone
        assert handle not in nurse.get(reverse("worklist:home")).content.decode()

    shown = parent_client.get(my_data(family)).content.decode()
    assert "Corrected: 30 July 1990." in shown
    notice = Notification.objects.get(recipient=mum, kind="parent_correction_answered")
    assert notice.link_name == "parents:my_data"


def test_an_empty_request_is_refused_per_field_and_keeps_what_was_typed(family, mum):
    response = ask(logged_in_client(mum), family, text="  ", should_be="keep me")
    assert response.status_code == 400
    page = response.content.decode()
    assert "keep me" in page
    assert not CorrectionRequest.objects.exists()


def test_a_professional_outside_the_care_team_is_refused(family, mum, midwife):
    ask(logged_in_client(mum), family)
    correction = CorrectionRequest.objects.get()
    handle = reverse("parents:correction_handle", args=[correction.public_id])
    assert logged_in_client(midwife).get(handle).status_code == 403
    assert logged_in_client(midwife).post(handle, {"answer": "x"}).status_code == 403
    assert CorrectionRequest.objects.get().handled_at is None
    refused = AccessEvent.objects.filter(actor=midwife, basis="none")
    assert {r.refusal for r in refused} == {"not_in_care_team"}
    assert {r.record_type for r in refused} == {"parents.correctionrequest"}


def test_a_handled_request_cannot_be_answered_twice(family, mum, kg_nurse):
    ask(logged_in_client(mum), family)
    correction = CorrectionRequest.objects.get()
    handle = reverse("parents:correction_handle", args=[correction.public_id])
    nurse = logged_in_client(kg_nurse)
    nurse.post(handle, {"answer": "Done."})
    again = nurse.post(handle, {"answer": "Changed my mind."})
    assert again.status_code == 200  # the page shows the answer, without a form
    assert CorrectionRequest.objects.get().answer == "Done."


def test_an_answer_without_text_is_refused(family, mum, kg_nurse):
    ask(logged_in_client(mum), family)
    correction = CorrectionRequest.objects.get()
    handle = reverse("parents:correction_handle", args=[correction.public_id])
    assert logged_in_client(kg_nurse).post(handle, {"answer": ""}).status_code == 400
    assert CorrectionRequest.objects.get().handled_at is None


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_the_pages_hold_no_raw_code_iso_date_or_untranslated_label(family, mum, kg_nurse, lang):
    from perinatal.core.tests.people_output import problems

    ask(logged_in_client(mum), family)
    correction = CorrectionRequest.objects.get()
    nurse = logged_in_client(kg_nurse)
    with translation.override(lang):
        handle = reverse("parents:correction_handle", args=[correction.public_id])
        home = reverse("worklist:home")
    assert problems(nurse.get(handle).content.decode(), lang) == []
    assert problems(nurse.get(home).content.decode(), lang) == []
    nurse.post(handle, {"answer": "Corrected."})
    assert problems(nurse.get(handle).content.decode(), lang) == []
    assert problems(logged_in_client(mum).get(my_data(family, lang)).content.decode(), lang) == []
