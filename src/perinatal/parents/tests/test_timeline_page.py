""" "My first 1000 days" (issue 16 item 2; decision 0036): a linked parent's own page in NL, FR
and EN, with nothing internal, no codes, the read logged once on the basis own record, and a
bounded number of queries."""

import re
from datetime import timedelta

import pytest

from django.urls import reverse
from django.utils import timezone, translation

from perinatal.accounts.constants import Role
from perinatal.audit.models import AccessEvent
from perinatal.core.tests.people_output import problems
from perinatal.pathways.constants import PregnancyStatus
from perinatal.pathways.models import Pregnancy

from .factories import linked_parent
from .timeline_support import INTERNAL, SHARED, a_family, fill

pytestmark = pytest.mark.django_db


def url_of(pregnancy, lang="nl"):
    with translation.override(lang):
        return reverse("parents:family", args=[pregnancy.public_id])


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def family(today):
    pregnancy, nurse = a_family(today=today)
    fill(pregnancy, nurse, today=today)
    return pregnancy


MONTHS = {
    "nl": r"\d+ (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}",
    "fr": r"\d+ (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}",
    "en": r"\d+ (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}",
}
EXPECTED = {
    "nl": ["Mijn eerste 1000 dagen", "Wat komt er nog", "Startgesprek met", "Kraamzorg Zonnig"],
    "fr": [
        "Mes 1000 premiers jours",
        "Ce qui vient",
        "Entretien de départ avec",
        "Kraamzorg Zonnig",
    ],
    "en": ["My first 1000 days", "What comes next", "Start conversation with", "Kraamzorg Zonnig"],
}


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_a_linked_parent_sees_the_page_in_each_language_without_codes(client_for, family, lang):
    parent = linked_parent(family)
    response = client_for(parent).get(url_of(family, lang))
    assert response.status_code == 200
    html = response.content.decode()
    for text in EXPECTED[lang]:
        assert text in html, text
    assert "KZ-" in html  # the kraamzorg reference number
    assert "02 410 10 10" in html  # the referral's service phone
    assert "02 533 12 12" in html  # the care team's phone
    assert "kindengezin.be" in html
    assert problems(html, lang) == []
    assert re.search(MONTHS[lang], html)  # dates in words, in the page's language


def test_internal_notes_are_hidden_and_shared_notes_shown(client_for, family):
    html = client_for(linked_parent(family)).get(url_of(family)).content.decode()
    assert SHARED in html
    assert INTERNAL not in html
    assert "Geheime reden" not in html  # a referral's reason is the referrer's own writing
    assert "rugpijn" not in html  # a programme service's note


def test_the_professional_timeline_marks_internal_and_shared_notes(client_for, family, today):
    nurse = family.lead_organisation.members.first()
    html = (
        client_for(nurse)
        .get(reverse("pathways:pregnancy", args=[family.public_id]))
        .content.decode()
    )
    assert "note-internal" in html and INTERNAL in html
    assert "note-shared" in html and SHARED in html


def test_the_read_is_logged_once_on_the_basis_own_record(client_for, family):
    parent = linked_parent(family)
    client_for(parent).get(url_of(family))
    rows = AccessEvent.objects.filter(actor=parent)
    assert [(r.basis, r.subject, r.action) for r in rows] == [
        ("own_record", str(family.public_id), "read")
    ]


def test_a_parent_of_another_family_gets_404(client_for, family, today):
    other, _ = a_family(today=today)
    stranger = linked_parent(other)
    assert client_for(stranger).get(url_of(family)).status_code == 404
    rows = AccessEvent.objects.filter(actor=stranger, subject=str(family.public_id))
    # Nothing read; the refused attempt is in the access log (decision 0033).
    assert [(r.outcome, r.refusal) for r in rows] == [("refused", "wrong_organisation")]


def test_an_unlinked_parent_and_an_unknown_family_get_the_same_404(client_for, family, persona):
    parent = persona(Role.PARENT)
    assert client_for(parent).get(url_of(family)).status_code == 404
    unknown = url_of(family).replace(str(family.public_id), "00000000-0000-4000-8000-000000000000")
    assert client_for(parent).get(unknown).status_code == 404


@pytest.mark.parametrize(
    "role", [Role.KG_PROFESSIONAL, Role.INDEPENDENT_MIDWIFE, Role.ANALYST, Role.ADMINISTRATOR]
)
def test_professionals_and_analysts_are_refused(client_for, family, persona, role):
    assert client_for(persona(role)).get(url_of(family)).status_code == 403


def test_anonymous_goes_to_the_login(client, family):
    response = client.get(url_of(family))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_entitlements_left_count_what_was_used(client_for, family):
    html = client_for(linked_parent(family)).get(url_of(family, "en")).content.decode()
    assert "2 of 9 physiotherapy sessions used" in html
    assert "0 of 10 home visits by a midwife after the birth used" in html
    assert "1 of 2 personal advice talks during the pregnancy used" in html  # scenario A
    assert "care coordination" not in html.split('id="entitlements"')[1].split("</section>")[0]


def test_the_page_costs_a_bounded_number_of_queries(
    client_for, today, django_assert_max_num_queries
):
    """24 today with a birth (the session, the user, the link, the log row, one query per list,
    one for every phone, the menu); more records cost no more."""
    family, nurse = a_family(today=today, born=today - timedelta(days=10))
    fill(family, nurse, today=today)
    client = client_for(linked_parent(family))
    client.get(url_of(family))  # warm the session and the caches
    with django_assert_max_num_queries(26):
        assert client.get(url_of(family)).status_code == 200
    fill(family, nurse, today=today, once=False)
    with django_assert_max_num_queries(26):
        assert client.get(url_of(family)).status_code == 200


def test_a_pregnancy_that_ended_without_a_birth_announces_no_baby(client_for, today):
    family, _ = a_family(today=today)
    Pregnancy.objects.filter(pk=family.pk).update(status=PregnancyStatus.ENDED)
    html = client_for(linked_parent(family)).get(url_of(family, "en")).content.decode()
    assert "expected" not in html and "Consultation at" not in html
    assert "Nothing planned any more." in html
