"""The inbox: the unread count in the menu (one count query), the list in the reader's
language, opening an item (read, then its page), mark read, mark all read, nobody else's
items; the e-mail choices: a kind switched off sends no e-mail but still reaches the inbox."""

import pytest

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from perinatal.notifications.models import Notification

from . import support

pytestmark = pytest.mark.django_db


def url(name: str, *args, lang: str = "nl") -> str:
    with translation.override(lang):
        return reverse(f"notifications:{name}", args=args)


@pytest.fixture
def told(midwife, kraamzorg_user):
    """Two referrals received by the kraamzorg service."""
    return [support.refer(midwife, kraamzorg_user) for _ in range(2)]


def test_the_menu_shows_the_unread_count_with_one_count_query(client_for, kraamzorg_user, told):
    client = client_for(kraamzorg_user)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("accounts:home")).content.decode()
    counts = [q["sql"] for q in queries if "notifications_notification" in q["sql"]]
    assert len(counts) == 1 and "COUNT" in counts[0].upper()
    assert 'class="notifications-link"' in html
    assert '<span class="badge" aria-label="2 ongelezen">2</span>' in html


def test_no_count_and_no_query_for_a_visitor(client):
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("directory:search")).content.decode()
    assert not [q for q in queries if "notifications_notification" in q["sql"]]
    assert "notifications-link" not in html


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "Je organisatie ontving een doorverwijzing naar Aquarelle follow-up."),
        ("fr", "Votre organisation a reçu une orientation vers Aquarelle follow-up."),
        ("en", "Your organisation received a referral to Aquarelle follow-up."),
    ],
)
def test_the_inbox_lists_the_items_in_the_readers_language(
    client_for, kraamzorg_user, told, lang, text
):
    html = client_for(kraamzorg_user).get(url("inbox", lang=lang)).content.decode()
    assert html.count(text) == 2
    assert url("preferences", lang=lang) in html


def test_opening_an_item_marks_it_read_and_goes_to_its_page(client_for, kraamzorg_user, told):
    client = client_for(kraamzorg_user)
    item = Notification.objects.filter(recipient=kraamzorg_user).first()
    response = client.get(url("open", item.public_id))
    assert response.status_code == 302
    assert response["Location"] == reverse("pathways:referral_answer", args=[told[1].public_id])
    item.refresh_from_db()
    assert item.read_at is not None
    assert client.get(response["Location"]).status_code == 200  # the page where it is answered


def test_mark_read_and_mark_all_read(client_for, kraamzorg_user, told):
    client = client_for(kraamzorg_user)
    first = Notification.objects.filter(recipient=kraamzorg_user).first()
    client.post(url("read", first.public_id))
    assert Notification.objects.filter(recipient=kraamzorg_user, read_at__isnull=True).count() == 1
    client.post(url("all_read"))
    assert not Notification.objects.filter(recipient=kraamzorg_user, read_at__isnull=True).exists()
    assert client.get(url("read", first.public_id)).status_code == 405  # a GET changes nothing


def test_nobody_opens_anothers_item(client_for, kraamzorg_user, midwife, told):
    item = Notification.objects.filter(recipient=kraamzorg_user).first()
    client = client_for(midwife)
    assert client.get(url("open", item.public_id)).status_code == 404
    assert client.post(url("read", item.public_id)).status_code == 404
    item.refresh_from_db()
    assert item.read_at is None


def test_the_inbox_needs_a_login(client):
    response = client.get(url("inbox"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_kind_switched_off_comes_in_the_inbox_but_not_by_email(
    client_for, midwife, kraamzorg_user, django_capture_on_commit_callbacks
):
    client = client_for(kraamzorg_user)
    page = client.get(url("preferences")).content.decode()
    assert 'value="referral_received" checked' in page
    # Everything on except the referrals received.
    chosen = ["referral_answered", "booklet_order_handled", "kraamzorg_accepted"]
    client.post(url("preferences"), {"by_email": chosen})
    assert (
        'value="referral_received" checked' not in client.get(url("preferences")).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        support.refer(midwife, kraamzorg_user)
    assert Notification.objects.filter(recipient=kraamzorg_user).count() == 1
    assert mail.outbox == []


def test_the_account_page_links_to_the_email_choices(client_for, midwife):
    html = client_for(midwife).get(reverse("accounts:home")).content.decode()
    assert url("preferences") in html


def test_the_inbox_pages_through_every_item_newest_first(client_for, kraamzorg_user, told):
    """Past a page the inbox links the older items (keyset), each item shown once."""
    from perinatal.notifications.selectors import INBOX_PAGE

    model = Notification.objects.filter(recipient=kraamzorg_user).first()
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=kraamzorg_user,
                kind=model.kind,
                message=model.message,
                params=model.params,
                about_type=model.about_type,
                about_id=model.about_id,
                link_name=model.link_name,
                link_args=model.link_args,
            )
            for _ in range(INBOX_PAGE + 7)
        ]
    )
    total = Notification.objects.filter(recipient=kraamzorg_user).count()
    client = client_for(kraamzorg_user)
    seen, query, pages = [], "", 0
    while pages < 10:
        response = client.get(url("inbox") + query)
        html = response.content.decode()
        seen += response.context["items"]
        pages += 1
        older = response.context["older"]
        if not older:
            break
        assert f'href="?before={older}"' in html
        query = f"?before={older}"
    ids = [item["notification"].public_id for item in seen]
    assert pages == 2 and len(ids) == total == len(set(ids))
    newest_first = list(
        Notification.objects.filter(recipient=kraamzorg_user)
        .order_by("-created_at", "-id")
        .values_list("public_id", flat=True)
    )
    assert ids == newest_first


def test_a_foreign_or_malformed_before_gives_the_first_page(
    client_for, kraamzorg_user, told, midwife
):
    client = client_for(kraamzorg_user)
    for before in ("nonsense", "00000000-0000-0000-0000-000000000000"):
        response = client.get(url("inbox") + f"?before={before}")
        assert response.status_code == 200
        assert len(response.context["items"]) == 2
