"""After "accepted and planned" the service's request page leads to the care page (visits,
monthly statements, closing): no dead end (issue 15, item 3; decision 0031)."""

from datetime import date, timedelta

import pytest

from django.urls import reverse

from perinatal.kraamzorg.services.requests import request_submit

from .intake_support import offer_for, request_input

pytestmark = pytest.mark.django_db
START = date.today() + timedelta(days=95)


def test_an_accepted_request_links_to_its_care_page(client_for, kraamzorg_user, parent):
    asked = request_submit(by=parent, offer=offer_for(kraamzorg_user), data=request_input())
    page = reverse("kraamzorg:intake_request", args=[asked.public_id])
    care = reverse("kraamzorg:care", args=[asked.public_id])
    staff = client_for(kraamzorg_user)
    assert care not in staff.get(page).content.decode()  # not before the answer
    staff.post(
        page,
        {
            "action": "decide",
            "decide-status": "accepted",
            "decide-planned_start": START.isoformat(),
            "decide-planned_hours": "36",
        },
    )
    html = staff.get(page).content.decode()
    assert f'href="{care}"' in html
    assert staff.get(care).status_code == 200


def test_the_household_is_counted_in_words_and_languages_named(client_for, kraamzorg_user, parent):
    data = request_input(adults=1, children=1, languages=["fr", "ar"])
    asked = request_submit(by=parent, offer=offer_for(kraamzorg_user), data=data)
    html = (
        client_for(kraamzorg_user)
        .get(reverse("kraamzorg:intake_request", args=[asked.public_id]))
        .content.decode()
    )
    assert "1 volwassene, 1 kind" in html
    assert "Français, العربية" in html
    assert "1080 Sint-Jans-Molenbeek" in html  # the municipality in the page's language
