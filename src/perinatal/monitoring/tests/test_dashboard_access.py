"""Who may open the dashboard and its downloads: analysts and administrators after the second
factor. Every other persona is refused (403); without the second factor: the second-factor
page; not logged in: the login page. Closing and reopening a year are refused the same way."""

import pytest

from django.urls import reverse

from ..models import WorkYear

pytestmark = pytest.mark.django_db

PAGES = [
    ("monitoring:dashboard", []),
    ("monitoring:dashboard_report", ["csv"]),
    ("monitoring:dashboard_report", ["xlsx"]),
    ("monitoring:dashboard_report", ["pdf"]),
    ("monitoring:dashboard_module_csv", ["screenings"]),
]
OTHER_PERSONAS = [
    "kg_nurse",
    "midwife",
    "hospital_user",
    "provider",
    "kraamzorg_user",
    "editor",
    "parent",
    "order_desk",
]


@pytest.mark.parametrize("persona_name", OTHER_PERSONAS)
@pytest.mark.parametrize(("name", "args"), PAGES)
def test_other_personas_are_refused(request, client_for, persona_name, name, args):
    user = request.getfixturevalue(persona_name)
    response = client_for(user).get(reverse(name, args=args))
    assert response.status_code == 403


@pytest.mark.parametrize("persona_name", ["analyst", "admin_user"])
def test_analysts_and_administrators_need_their_second_factor(request, client_for, persona_name):
    user = request.getfixturevalue(persona_name)
    url = reverse("monitoring:dashboard")
    unverified = client_for(user, verified=False).get(url)
    assert unverified.status_code == 302  # sent to the second factor first
    assert "/account/two-factor/" in unverified["Location"]
    assert client_for(user).get(url).status_code == 200


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_without_login_the_login_page(client, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


@pytest.mark.parametrize("persona_name", ["kraamzorg_user", "kg_nurse", "parent"])
@pytest.mark.parametrize("action", ["year_close", "year_reopen"])
def test_other_personas_cannot_close_or_reopen(request, client_for, persona_name, action):
    WorkYear.objects.create(year=2016)
    user = request.getfixturevalue(persona_name)
    url = reverse(f"monitoring:{action}", args=[2016])
    response = client_for(user).post(url, {"reason": "a try"})
    assert response.status_code == 403
    assert WorkYear.objects.get(year=2016).status == "provisional"
