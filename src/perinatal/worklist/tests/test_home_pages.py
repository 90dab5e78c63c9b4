"""Every role lands on its home page after the login, in NL, FR and EN, and each home holds
the sections of its role (docs/decisions/0029-home-per-role.md)."""

import pytest

from django.conf import settings
from django.urls import reverse

SECTIONS = {
    "kg_nurse": [
        "discharges-received",
        "referrals-to-answer",
        "start-conversations",
        "kindboekje",
        "corrections",
        "consent",
        "sharing-withdrawn",
        "entitlements",
        "referrals-sent",
        "families",
    ],
    "midwife": [
        "discharges-received",
        "referrals-to-answer",
        "corrections",
        "consent",
        "sharing-withdrawn",
        "entitlements",
        "referrals-sent",
        "families",
    ],
    "one_nurse": [
        "discharges-received",
        "referrals-to-answer",
        "start-conversations",
        "corrections",
        "consent",
        "sharing-withdrawn",
        "entitlements",
        "referrals-sent",
        "families",
    ],
    "gp_user": [
        "discharges-received",
        "referrals-to-answer",
        "corrections",
        "consent",
        "sharing-withdrawn",
        "entitlements",
        "referrals-sent",
        "families",
    ],
    "health_centre_user": [
        "discharges-received",
        "referrals-to-answer",
        "corrections",
        "consent",
        "sharing-withdrawn",
        "entitlements",
        "referrals-sent",
        "families",
    ],
    "provider": [
        "discharges-received",
        "referrals-to-answer",
        "corrections",
        "consent",
        "sharing-withdrawn",
        "entitlements",
        "referrals-sent",
        "families",
    ],
    "hospital_user": ["births", "discharges-to-transfer", "families", "referrals-to-answer"],
    "kraamzorg_user": ["intake", "in-care", "visits", "statements"],
    "editor": ["reports", "verify"],
    "analyst": ["dashboard"],
    "admin_user": ["access-questions", "failed-jobs", "locked", "emergency"],
    "order_desk": [
        "orders",
        "discharges-received",
        "referrals-to-answer",
        "start-conversations",
        "kindboekje",
        "corrections",
        "consent",
        "sharing-withdrawn",
        "entitlements",
        "referrals-sent",
        "families",
    ],
    "parent": ["my-families", "my-requests"],
    "ocmw_user": ["my-requests"],
}


def test_the_login_lands_on_the_work_list():
    assert reverse(settings.LOGIN_REDIRECT_URL) == "/nl/work/"


@pytest.mark.parametrize("who", sorted(SECTIONS))
@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_each_role_has_its_sections(request, client_for, who, language):
    user = request.getfixturevalue(who)
    response = client_for(user).get(f"/{language}/work/")
    assert response.status_code == 200
    keys = [section.key for section in response.context["home"].sections]
    assert keys == SECTIONS[who]
    html = response.content.decode()
    assert f'href="/{language}/account/"' in html
