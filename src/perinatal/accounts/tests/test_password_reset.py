"""Password reset by e-mail with Django's views and the site's own templates."""

import re

import pytest

from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from perinatal.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new long password 42"


@pytest.fixture(autouse=True)
def empty_rate_limits():
    cache.clear()
    yield
    cache.clear()


def ask_reset(client, email, prefix="/nl"):
    return client.post(f"{prefix}/account/password-reset/", {"email": email})


def test_reset_form_labels_the_field(client):
    html = client.get(reverse("accounts:password_reset")).content.decode()
    assert '<label for="id_email"' in html


def test_reset_sends_a_link_that_sets_a_new_password(client, parent):
    response = ask_reset(client, parent.email)
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [parent.email]
    assert parent.username in message.body
    link = re.search(r"https?://[^/]+(/\S+)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.request["PATH_INFO"],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.url == reverse("accounts:password_reset_complete")
    parent.refresh_from_db()
    assert parent.check_password(NEW_PASSWORD)
    assert not parent.check_password(PASSWORD)


def test_a_reset_link_works_once(client, parent):
    ask_reset(client, parent.email)
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    client.post(
        page.request["PATH_INFO"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert not client.get(link, follow=True).context["validlink"]


@pytest.mark.parametrize("prefix", ["/nl", "/fr", "/en"])
def test_the_mail_links_to_the_language_it_was_asked_in(client, parent, prefix):
    ask_reset(client, parent.email, prefix)
    assert f"{prefix}/account/password-reset/" in mail.outbox[0].body


def test_unknown_address_gets_the_same_answer_and_no_mail(client):
    response = ask_reset(client, "nobody@example.org")
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_reset_requests_are_rate_limited_per_address(client, parent):
    for _ in range(5):
        assert ask_reset(client, parent.email).status_code == 302
    assert ask_reset(client, parent.email).status_code == 429
    assert len(mail.outbox) == 5
