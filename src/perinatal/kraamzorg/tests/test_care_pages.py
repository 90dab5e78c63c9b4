"""The care page (visits, closing) for the service's staff and the statement page and PDF
for the staff and the parent who asked; other personas are refused."""

from datetime import date

import pytest

from django.urls import reverse
from django.utils import translation

from perinatal.kraamzorg.constants import RequestStatus
from perinatal.kraamzorg.models import Visit

from .care_support import add_visits, make_request
from .intake_support import offer_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(kraamzorg_user):
    return offer_for(kraamzorg_user)


def test_the_staff_record_a_visit_and_close_the_dossier_on_the_care_page(
    offer, kraamzorg_user, client_for
):
    asked = make_request(offer)
    client = client_for(kraamzorg_user)
    with translation.override("en"):
        url = reverse("kraamzorg:care", args=[asked.public_id])
        close = reverse("kraamzorg:care_close", args=[asked.public_id])
    assert client.get(url).status_code == 200
    posted = client.post(url, {"date": "2025-03-03", "hours": "3.5", "carer": "Anna"})
    assert posted.status_code == 302
    assert Visit.objects.get(request=asked).hours == 3.5
    assert (
        client.post(url, {"date": "2025-03-03", "hours": "25", "carer": "Anna"}).status_code == 400
    )
    assert client.post(close).status_code == 302
    asked.refresh_from_db()
    assert asked.status == RequestStatus.CLOSED
    page = client.get(url).content.decode()
    assert "3.50" in page and "Record the visit" not in page


@pytest.mark.parametrize("who", ["parent", "kg_nurse", "analyst"])
def test_other_personas_are_refused_the_care_page(offer, client_for, request, who):
    asked = make_request(offer)
    url = reverse("kraamzorg:care", args=[asked.public_id])
    assert client_for(request.getfixturevalue(who)).get(url).status_code == 403
    assert client_for(request.getfixturevalue(who)).post(url, {}).status_code == 403
    assert not Visit.objects.exists()


def test_the_parent_sees_the_statement_page_and_pdf_with_the_hourly_price(
    offer, parent, client_for
):
    asked = make_request(offer, submitted_by=parent, income_band="B")
    add_visits(asked, [(date(2025, 3, 1), "2.5"), (date(2025, 3, 2), "1.25")])
    client = client_for(parent)
    with translation.override("en"):
        page = client.get(reverse("kraamzorg:statement", args=[asked.public_id, 2025, 3]))
        pdf = client.get(reverse("kraamzorg:statement_pdf", args=[asked.public_id, 2025, 3]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "€ 6.25" in html and "€ 23.44" in html and "3.75" in html
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize("who", ["kg_nurse", "analyst"])
def test_others_are_refused_the_statement(offer, parent, client_for, request, who):
    asked = make_request(offer, submitted_by=parent)
    for name in ("kraamzorg:statement", "kraamzorg:statement_pdf"):
        url = reverse(name, args=[asked.public_id, 2025, 3])
        assert client_for(request.getfixturevalue(who)).get(url).status_code == 403
