"""A parent who asks for kraamzorg without an account gets a reference number and the
service's phone on the confirmation page, and, when they gave an e-mail address, an e-mail
at each step in the language of the page they asked on, holding nothing but the service,
the reference and the phone."""

from datetime import date, timedelta

import pytest

from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from perinatal.kraamzorg.models import KraamzorgRequest

from . import support

pytestmark = pytest.mark.django_db
PARENT = "sara@example.org"


def to_parent() -> list:
    """The e-mails to the parent (the service's staff are told of a new request too)."""
    return [message for message in mail.outbox if message.to == [PARENT]]


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def ask(client, lang: str, email: str = PARENT):
    with translation.override(lang):
        page = reverse("kraamzorg:ask")
    data = {
        "due_date": (date.today() + timedelta(days=80)).isoformat(),
        "postcode": "1080",
        "municipality": "Molenbeek-Saint-Jean",
        "adults": "2",
        "children": "0",
        "income_band": "A",
        "languages": ["fr"],
        "help_wanted": ["baby_care"],
        "contact_name": "Sara Testouder",
        "contact_phone": "0470 00 00 00",
        "contact_email": email,
    }
    return client.post(page, data, follow=True)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nl", ("Je referentienummer", "Telefoon van Kraamzorg Zon")),
        ("fr", ("Votre numéro de référence", "Téléphone de Kraamzorg Zon")),
        ("en", ("Your reference number", "Phone of Kraamzorg Zon")),
    ],
)
def test_the_confirmation_page_shows_the_reference_and_the_services_phone(
    client, kraamzorg_user, lang, words, django_capture_on_commit_callbacks
):
    support.kraamzorg_offer(kraamzorg_user)
    with django_capture_on_commit_callbacks(execute=True):
        html = ask(client, lang).content.decode()
    made = KraamzorgRequest.objects.get()
    assert made.contact_language == lang
    assert made.reference.startswith("KZ-") and made.reference in html
    assert support.SERVICE_PHONE_SHOWN in html
    for word in words:
        assert word in html
    (sent,) = to_parent()
    assert made.reference in sent.subject and support.SERVICE_PHONE_SHOWN in sent.body
    assert words[0] in sent.body


@pytest.mark.parametrize(
    ("lang", "status", "says"),
    [
        ("nl", "accepted", "aanvaardde je aanvraag"),
        ("fr", "waiting", "a mis votre demande sur sa liste d'attente"),
        ("fr", "refused", "ne peut pas prendre votre demande"),
        ("en", "accepted", "accepted your request and planned the help"),
    ],
)
def test_each_answer_reaches_the_parent_in_their_language_with_nothing_about_the_family(
    client, kraamzorg_user, lang, status, says, django_capture_on_commit_callbacks
):
    support.kraamzorg_offer(kraamzorg_user)
    ask(client, lang)
    made = KraamzorgRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        support.decide(kraamzorg_user, made, status)
    (sent,) = to_parent()
    assert says in sent.body
    assert made.reference in sent.body and support.SERVICE_PHONE_SHOWN in sent.body
    for secret in support.SECRETS:
        assert secret not in sent.body and secret not in sent.subject


def test_a_forward_tells_the_parent_the_new_reference(
    client, kraamzorg_user, django_capture_on_commit_callbacks
):
    support.kraamzorg_offer(kraamzorg_user)
    ask(client, "fr")
    made = KraamzorgRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        forwarded = support.forward(kraamzorg_user, made)
    assert forwarded.contact_language == "fr"
    last = to_parent()[-1]
    assert forwarded.reference in last.subject and "Kraamzorg Maan" in last.body


def test_no_address_no_email(client, kraamzorg_user, django_capture_on_commit_callbacks):
    support.kraamzorg_offer(kraamzorg_user)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "nl", email="")
        support.decide(kraamzorg_user, KraamzorgRequest.objects.get(), "accepted")
    assert [message.to for message in mail.outbox] == [[kraamzorg_user.email]]  # the intake


def test_the_service_sees_the_reference_the_parent_quotes(client, client_for, kraamzorg_user):
    support.kraamzorg_offer(kraamzorg_user)
    ask(client, "nl")
    made = KraamzorgRequest.objects.get()
    page = reverse("kraamzorg:intake_request", args=[made.public_id])
    html = client_for(kraamzorg_user).get(page).content.decode()
    assert f'<dd class="reference">{made.reference}</dd>' in html
