"""My data: the family's own copy of its record, as JSON in the documented shape and as a
readable PDF in the parent's language; only this family, no internal notes, every download
in the access log; another parent gets 404."""

import io
import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader

from django.urls import reverse
from django.utils import translation

from perinatal.accounts.tests.factories import logged_in_client
from perinatal.audit.models import AccessEvent
from perinatal.directory.models import Organization, Service
from perinatal.kraamzorg.constants import RequestSource, Vulnerability
from perinatal.kraamzorg.tests.care_support import add_visits, make_request
from perinatal.kraamzorg.tests.intake_support import offer_for
from perinatal.pathways.models import Contact
from perinatal.pathways.tests.factories import mother, register
from perinatal.pathways.tests.test_retention import full_family

from ..my_data import FORMAT
from .factories import linked_parent

pytestmark = pytest.mark.django_db

# The repository's docs/, four levels up from this file.
SCHEMA_FILE = Path(__file__).resolve().parents[4] / "docs/schemas/family-export-parent.schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))

SECRET_NOTES = (
    "Amina lives with her aunt in Molenbeek",  # a contact's note
    "Talked about the birth plan with Amina",  # a programme service's note
    "no network",  # a kraamzorg vulnerability reason
    "visit note: tired",
)


@pytest.fixture
def family(midwife, kg_nurse):
    organization = Organization.objects.create(name="Aquarelle (test)")
    service = Service.objects.create(organization=organization, name="Aquarelle follow-up")
    pregnancy = full_family(midwife, kg_nurse, service)
    kr = make_request(
        offer_for(),
        pregnancy=pregnancy,
        source=RequestSource.KIND_EN_GEZIN,
        referral_reason="first child",
        vulnerability=Vulnerability.REFERRER,
        vulnerability_reason="no network",
    )
    add_visits(kr, [(date(2025, 5, 5), "4")])
    kr.visits.update(note="visit note: tired")
    return pregnancy


@pytest.fixture
def other_family(kg_nurse):
    return register(kg_nurse, mother=mother(given_name="Zoë", family_name="Otherfamily"))


@pytest.fixture
def mum(family):
    return linked_parent(family, username="mum", preferred_language="fr")


def url(name, pregnancy, lang="fr"):
    with translation.override(lang):
        return reverse(f"parents:{name}", args=[pregnancy.public_id])


def download_json(client, pregnancy, lang="fr"):
    response = client.get(url("my_data_json", pregnancy, lang))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    return json.loads(response.content)


def test_the_json_validates_against_the_documented_schema(family, mum):
    data = download_json(logged_in_client(mum), family)
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert data["format"] == FORMAT
    assert data["language"] == "fr"
    assert data["pregnancy"]["id"] == str(family.public_id)
    assert data["kraamzorg"]["requests"] and data["contacts"] and data["referrals"]


def test_the_json_holds_only_this_family_and_no_internal_note(family, mum, other_family):
    body = logged_in_client(mum).get(url("my_data_json", family)).content.decode()
    for note in SECRET_NOTES:
        assert note not in body
    assert str(other_family.public_id) not in body
    assert "Otherfamily" not in body
    data = json.loads(body)
    assert {c["note"] for c in data["contacts"]} == {None}
    assert data["mother"]["given_name"] == "Amina"


def test_a_note_the_team_shared_with_the_family_is_in_the_download(family, mum):
    contact = Contact.objects.filter(pregnancy=family).first()
    Contact.objects.filter(pk=contact.pk).update(share_with_family=True)
    data = download_json(logged_in_client(mum), family)
    assert [(c["note"], c["note_shared_with_family"]) for c in data["contacts"]] == [
        (contact.note, True)
    ]


def test_every_download_is_logged_as_an_export_of_the_own_record(family, mum):
    client = logged_in_client(mum)
    client.get(url("my_data_json", family))
    client.get(url("my_data_pdf", family))
    rows = AccessEvent.objects.filter(actor=mum, action="export").order_by("id")
    assert [(r.basis, r.subject) for r in rows] == [("own_record", str(family.public_id))] * 2
    assert ["JSON" in rows[0].purpose, "PDF" in rows[1].purpose] == [True, True]


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("fr", ["Le dossier de ma famille", "Équipe de soins", "Qui a consulté le dossier"]),
        ("nl", ["Het dossier van mijn gezin", "Zorgteam", "Wie het dossier bekeek"]),
        ("en", ["The record of my family", "Care team", "Who looked at the record"]),
    ],
)
def test_the_pdf_is_readable_in_the_parents_language(family, mum, lang, expected):
    response = logged_in_client(mum).get(url("my_data_pdf", family, lang))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    for words in expected:
        assert words in text
    assert "Amina" in text
    for note in SECRET_NOTES:
        assert note not in text


@pytest.mark.parametrize("name", ["my_data", "my_data_json", "my_data_pdf"])
def test_another_parent_gets_404_and_the_refusal_is_logged(family, other_family, name):
    stranger = linked_parent(other_family, username="stranger")
    response = logged_in_client(stranger).get(url(name, family))
    assert response.status_code == 404
    rows = AccessEvent.objects.filter(actor=stranger, subject=str(family.public_id))
    assert [(r.basis, r.refusal) for r in rows] == [("none", "wrong_organisation")]


def test_an_unknown_family_gets_the_same_404(mum, family):
    import uuid

    with translation.override("fr"):
        missing = reverse("parents:my_data_json", args=[uuid.uuid4()])
    assert logged_in_client(mum).get(missing).status_code == 404


def test_a_professional_is_refused_the_parents_page(family, midwife):
    assert logged_in_client(midwife).get(url("my_data", family)).status_code == 403


@pytest.mark.parametrize(
    "lang, words",
    [
        ("nl", ["Mijn gegevens", "Je rechten", "artikel 20", "Vraag een verbetering"]),
        ("fr", ["Mes données", "Vos droits", "article 20", "Demander une correction"]),
        ("en", ["My data", "Your rights", "article 20", "Ask for a correction"]),
    ],
)
def test_the_page_explains_the_rights_in_each_language(family, mum, lang, words):
    response = logged_in_client(mum).get(url("my_data", family, lang))
    assert response.status_code == 200
    page = response.content.decode()
    for word in words:
        assert word in page
    assert url("my_data_pdf", family, lang) in page
    row = AccessEvent.objects.filter(actor=mum).latest("id")
    assert (row.action, row.basis) == ("read", "own_record")
