"""The page "who looked at my record" (decision 0037): every row of the family's log with
its labels in NL/FR/EN, an emergency access with its reason, refused attempts, never another
family's rows, the reading itself logged, pages of rows, and the question to the data
protection contact landing on the administrators' home page."""

import pytest

from perinatal.audit.models import AccessEvent
from perinatal.notifications.models import Notification
from perinatal.pathways import access
from perinatal.pathways.services import care_team
from perinatal.pathways.tests.api_support import api_for
from perinatal.pathways.tests.factories import register

from ..models import AccessQuestion
from .factories import linked_parent

pytestmark = pytest.mark.django_db

REASON = "Mother unconscious at the emergency department"


def url(pregnancy, language="en"):
    return f"/{language}/my/{pregnancy.public_id}/who-looked/"


@pytest.fixture
def family(midwife, provider):
    pregnancy = register(midwife, consent_to_share=True)
    care_team.team_member_add(
        by=midwife,
        pregnancy=pregnancy,
        grant=access.grant_for(midwife, pregnancy),
        organisation=provider.organisation,
    )
    return pregnancy


LABELS = {
    "en": ("Emergency access", "Reason written down:", "refused", "Looked at the record"),
    "nl": ("noodtoegang", "Opgeschreven reden:", "geweigerd", "Bekeek het dossier"),
    "fr": ("accès d&#x27;urgence", "Raison écrite :", "refusé", "A consulté le dossier"),
}


@pytest.mark.parametrize("language", ["en", "nl", "fr"])
def test_the_rows_with_their_labels_and_the_emergency_reason(
    family, midwife, kg_nurse, client_for, language
):
    api_for(kg_nurse).get(f"/pregnancies/{family.public_id}")  # refused: not in the team
    care_team.emergency_access_open(by=kg_nurse, pregnancy=family, reason=REASON)
    parent = linked_parent(family)
    page = client_for(parent).get(url(family, language)).content.decode()
    assert "access-emergency" in page and REASON in page
    assert "access-refused" in page
    for words in LABELS[language]:
        assert words.lower() in page.lower(), words
    assert str(kg_nurse.organisation) in page
    # reading the page is itself logged
    row = AccessEvent.objects.filter(actor=parent).latest("id")
    assert (row.basis, row.purpose) == ("own_record", "who looked at my record")


def test_another_familys_rows_are_never_shown(family, midwife, client_for):
    other = register(midwife, consent_to_share=True)
    care_team.emergency_access_open(
        by=midwife, pregnancy=other, reason="Another family's emergency reason"
    )
    parent = linked_parent(family)
    client = client_for(parent)
    page = client.get(url(family)).content.decode()
    assert "Another family's emergency reason" not in page
    foreign = AccessEvent.objects.filter(subject=str(other.public_id)).first()
    assert client.get(f"{url(family)}{foreign.pk}/ask/").status_code == 404
    assert client.get(url(other)).status_code == 404


def test_the_rows_come_a_page_at_a_time_and_own_visits_can_be_hidden(family, client_for):
    from perinatal.parents import accesses

    parent = linked_parent(family)
    client = client_for(parent)
    for _ in range(accesses.PAGE_ROWS + 5):
        client.get(url(family))
    page = accesses.access_page(family)
    assert len(page.rows) == accesses.PAGE_ROWS and page.next_after
    older = accesses.access_page(family, after=page.next_after)
    ids = [r.event_id for r in page.rows] + [r.event_id for r in older.rows]
    assert (
        len(ids)
        == len(set(ids))
        == AccessEvent.objects.filter(subject=str(family.public_id)).count()
    )
    hidden = accesses.access_page(family, hide_own=True)
    assert not any(row.own for row in hidden.rows)
    assert client.get(url(family), {"after": page.next_after}).status_code == 200


def test_a_question_reaches_the_administrators_home_and_the_answer_the_parent(
    family, midwife, admin_user, client_for
):
    parent = linked_parent(family)
    client = client_for(parent)
    event = AccessEvent.objects.filter(actor=midwife, subject=str(family.public_id)).first()
    ask = f"{url(family)}{event.pk}/ask/"
    assert client.get(ask).status_code == 200
    empty = client.post(ask, {"text": "  "})
    assert empty.status_code == 400 and not AccessQuestion.objects.exists()
    response = client.post(ask, {"text": "Why did the midwife read our record?"})
    assert response.status_code == 302
    question = AccessQuestion.objects.get()
    assert (question.access_event, question.asked_by) == (event, parent)
    assert Notification.objects.filter(recipient=admin_user, kind="parents.access_question")
    admin = client_for(admin_user)
    home = admin.get("/en/work/").content.decode()
    assert "Questions about accesses" in home and f"/my/questions/{question.pk}/" in home
    answer_page = f"/en/my/questions/{question.pk}/"
    assert admin.post(answer_page, {"answer": "She registered your pregnancy."}).status_code == 302
    page = client.get(url(family)).content.decode()
    assert "She registered your pregnancy." in page
    assert (
        "No family waits for an answer about an access." in admin.get("/en/work/").content.decode()
    )
    # a parent may not answer
    assert client.get(answer_page).status_code == 403
