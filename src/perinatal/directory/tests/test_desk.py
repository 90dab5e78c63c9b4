"""The editors' desk: find entries by name, filter them by what they lack, sort them, page
through them, and verify several at once (each verification in the entry's history)."""

import re
from datetime import timedelta

import pytest

from django.urls import reverse
from django.utils import timezone

from perinatal.audit.models import ChangeEvent
from perinatal.directory.constants import ReportKind
from perinatal.directory.models import Contact, ErrorReport, Phone, Service
from perinatal.directory.selectors import services_for_desk
from perinatal.directory.tests.factories import OrganizationFactory, ServiceFactory

pytestmark = pytest.mark.django_db

DESK = reverse("directory:editor_queue")


def _shown(response) -> list[str]:
    """The entries' names as the desk lists them, in order."""
    html = response.content.decode()
    return re.findall(r'<a href="/\w\w/editor/services/[^"]+/" id="name-[^"]+">([^<]+)</a>', html)


def _desk(**params) -> list[str]:
    return [
        s.name_nl
        for s in services_for_desk(max_age_days=365, lang="nl", **params)
        if s.name_nl.startswith("T ")
    ]


@pytest.fixture
def entries():
    today = timezone.localdate()
    with_phone = ServiceFactory(name_nl="T Bellen", last_verified=today - timedelta(days=10))
    Phone.objects.create(service=with_phone, number="+3222167944")
    org_phone = ServiceFactory(
        name_nl="T Organisatie belt",
        name_en="T Organisation calls",
        description_en="In English.",
        organization=OrganizationFactory(name_nl="Huis van het Kind Anderlecht"),
        last_verified=today - timedelta(days=400),
    )
    Phone.objects.create(organization=org_phone.organization, number="+3222167945")
    contact_phone = ServiceFactory(
        name_nl="T Contact belt", address=("Deltastraat 65", "1190", "Vorst", "Forest")
    )
    Phone.objects.create(
        contact=Contact.objects.create(service=contact_phone, name="Onthaal"), number="1733"
    )
    flagged = ServiceFactory(name_nl="T Nummer nakijken")
    Phone.objects.create(service=flagged, number="02 216 79 4", needs_check=True)
    reported = ServiceFactory(name_nl="T Gemeld")
    ErrorReport.objects.create(service=reported, kind=ReportKind.ERROR, message="Verhuisd.")
    return {
        "with_phone": with_phone,
        "org_phone": org_phone,
        "contact_phone": contact_phone,
        "flagged": flagged,
        "reported": reported,
    }


FILTERS = {
    "never": ["T Contact belt", "T Gemeld", "T Nummer nakijken"],
    "stale": ["T Organisatie belt"],
    "reports": ["T Gemeld"],
    "no_phone": ["T Gemeld"],
    "no_address": ["T Bellen", "T Gemeld", "T Nummer nakijken", "T Organisatie belt"],
    "no_english": ["T Bellen", "T Contact belt", "T Gemeld", "T Nummer nakijken"],
    "phone_check": ["T Nummer nakijken"],
    "": ["T Bellen", "T Contact belt", "T Gemeld", "T Nummer nakijken", "T Organisatie belt"],
}


@pytest.mark.parametrize(("show", "expected"), FILTERS.items(), ids=[k or "all" for k in FILTERS])
def test_each_filter_selects_what_it_says(entries, show, expected):
    assert _desk(show=show) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bellen", ["T Bellen"]),
        ("BELT calls", ["T Organisatie belt"]),
        ("anderlecht", ["T Organisatie belt"]),  # the organisation's name
        ("calls", ["T Organisatie belt"]),  # the English name
        ("belt", ["T Contact belt", "T Organisatie belt"]),
        ("nothing like it", []),
    ],
)
def test_search_finds_words_of_the_service_or_organisation_name(entries, text, expected):
    assert _desk(text=text) == expected


def test_sorting_by_last_verified_puts_never_verified_first(entries):
    assert _desk(order="verified") == [
        "T Contact belt",
        "T Gemeld",
        "T Nummer nakijken",
        "T Organisatie belt",
        "T Bellen",
    ]


def test_the_desk_page_filters_sorts_and_marks_what_an_entry_lacks(editor_client, entries):
    response = editor_client.get(DESK, {"q": "T", "show": "no_phone"})
    assert response.status_code == 200
    assert _shown(response) == ["T Gemeld"]
    html = response.content.decode()
    assert "Open melding" in html and "Geen telefoon" in html and "Geen adres" in html
    response = editor_client.get(DESK, {"q": "belt", "order": "verified"})
    assert _shown(response) == ["T Contact belt", "T Organisatie belt"]


def test_a_bad_filter_is_refused_politely_and_shows_every_entry(editor_client, entries):
    response = editor_client.get(DESK, {"show": "everything'--", "q": "T"})
    assert response.status_code == 200
    assert len(_shown(response)) == 5
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_the_desk_pages_through_the_entries_keeping_the_filter(editor_client):
    for n in range(30):
        ServiceFactory(name_nl=f"P {n:02d}")
    first = editor_client.get(DESK, {"q": "P", "show": "never"})
    assert _shown(first) == [f"P {n:02d}" for n in range(25)]
    assert "q=P&amp;show=never&amp;page=2" in first.content.decode()
    second = editor_client.get(DESK, {"q": "P", "show": "never", "page": "2"})
    assert _shown(second) == [f"P {n:02d}" for n in range(25, 30)]
    assert _shown(editor_client.get(DESK, {"q": "P", "page": "x"})) == _shown(first)


def test_several_entries_are_verified_at_once_each_in_its_history(editor_client, entries):
    picked = [entries["flagged"], entries["reported"], entries["org_phone"]]
    back = f"{DESK}?show=never&q=T"
    response = editor_client.post(
        reverse("directory:services_verify"),
        {"service": [str(s.id) for s in picked], "back": back},
    )
    assert response.status_code == 302 and response["Location"] == back
    today = timezone.localdate()
    for service in picked:
        service.refresh_from_db()
        assert (service.last_verified, service.verified_by) == (today, "editor")
        event = ChangeEvent.objects.get(object_id=str(service.id), action="verify")
        assert event.changes["last_verified"][1] == str(today)
    assert Service.objects.filter(last_verified=today).count() == 3
    page = editor_client.get(back)
    assert "3 fiches vandaag als gecontroleerd gemarkeerd" in page.content.decode()
    assert _shown(page) == ["T Contact belt"]


@pytest.mark.parametrize(
    ("posted", "says"),
    [
        ({}, "Vink eerst de fiches aan"),
        ({"service": ["not-a-uuid"]}, "die niet bestaat"),
    ],
    ids=["nothing ticked", "forged id"],
)
def test_verifying_nothing_or_a_forged_entry_changes_nothing(editor_client, entries, posted, says):
    response = editor_client.post(reverse("directory:services_verify"), posted, follow=True)
    assert says in response.content.decode()
    assert not ChangeEvent.objects.filter(action="verify").exists()


def test_verify_sends_back_only_to_the_desk(editor_client, entries):
    response = editor_client.post(
        reverse("directory:services_verify"),
        {"service": [str(entries["flagged"].id)], "back": "https://evil.example/"},
    )
    assert response["Location"] == DESK
