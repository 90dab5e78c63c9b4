"""An administrator adds a new dated catalogue version in the admin, without code; a version
used by a screening is read-only; no person or pregnancy is ever shown in the admin."""

from datetime import date

import pytest
import time_machine

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from perinatal.pathways import access, models
from perinatal.pathways.models import Indicator, IndicatorCatalogue
from perinatal.pathways.services.screening import screening_record

from .factories import participate, register

pytestmark = pytest.mark.django_db

ADD = "admin:pathways_indicatorcatalogue_add"


@pytest.fixture(autouse=True)
def english():
    """The admin in English (/en/admin/…): the messages checked below."""
    with translation.override("en"):
        yield


def _form(*, count: int = 13, inclusion: int = 8, **fields) -> dict:
    data = {
        "version": "BIB-2026.01",
        "valid_from": "2026-01-01",
        "sources": "Programme's note of December 2025",
        "notes": "",
        "indicators-TOTAL_FORMS": str(count),
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for n in range(count):
        data |= {
            f"indicators-{n}-position": str(n + 1),
            f"indicators-{n}-code": f"indicator-{n}",
            f"indicators-{n}-label_nl": f"indicator {n} nl",
            f"indicators-{n}-label_fr": f"indicator {n} fr",
            f"indicators-{n}-label_en": f"indicator {n} en",
            f"indicators-{n}-source": "programme note",
        }
        if n < inclusion:
            data[f"indicators-{n}-is_inclusion_criterion"] = "on"
    data.update(fields)
    return data


def _screen_with_the_shipped_version(midwife):
    participate(midwife)
    with time_machine.travel(date(2025, 3, 1), tick=False):
        pregnancy = register(midwife, registered_on=date(2025, 3, 1))
        return screening_record(
            by=midwife,
            pregnancy=pregnancy,
            grant=access.grant_for(midwife, pregnancy),
            date=date(2025, 3, 1),
            positive={"housing"},
        )


def test_the_catalogue_pages_open(admin_client):
    assert (
        admin_client.get(reverse("admin:pathways_indicatorcatalogue_changelist")).status_code == 200
    )
    page = admin_client.get(reverse(ADD))
    assert page.status_code == 200
    assert 'name="indicators-12-code"' in page.content.decode()  # 13 empty rows to fill


def test_an_administrator_adds_a_new_version(admin_client):
    response = admin_client.post(reverse(ADD), _form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    version = IndicatorCatalogue.objects.get(version="BIB-2026.01")
    assert version.indicators.count() == 13
    assert version.indicators.filter(is_inclusion_criterion=True).count() == 8


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (_form(count=12, inclusion=8), "holds 13 indicators, not 12"),
        (_form(count=14, inclusion=8), "holds 13 indicators, not 14"),
        (_form(inclusion=7), "8 of the indicators are inclusion criteria, not 7"),
        (_form(inclusion=9), "8 of the indicators are inclusion criteria, not 9"),
        (_form(**{"indicators-1-code": "indicator-0"}), "duplicate data for code"),
        (_form(**{"indicators-1-position": "1"}), "its own position"),
        (_form(sources="   "), "sources"),
    ],
)
def test_a_version_that_breaks_the_rules_is_refused(admin_client, form, message):
    response = admin_client.post(reverse(ADD), form)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not IndicatorCatalogue.objects.filter(version="BIB-2026.01").exists()


def test_a_new_version_cannot_start_before_recorded_screenings(admin_client, midwife):
    _screen_with_the_shipped_version(midwife)
    response = admin_client.post(reverse(ADD), _form(valid_from="2025-02-01"))
    assert response.status_code == 200
    assert "a new version starts after them" in response.content.decode()
    assert admin_client.post(reverse(ADD), _form(valid_from="2025-03-02")).status_code == 302


def test_a_version_used_by_a_screening_is_read_only(admin_client, midwife):
    screening = _screen_with_the_shipped_version(midwife)
    used = screening.catalogue
    change = reverse("admin:pathways_indicatorcatalogue_change", args=[used.pk])
    page = admin_client.get(change)
    assert page.status_code == 200
    assert 'name="sources"' not in page.content.decode()  # shown, not editable
    response = admin_client.post(change, {"version": "x", "valid_from": "2024-09-01"})
    assert response.status_code == 403
    delete = reverse("admin:pathways_indicatorcatalogue_delete", args=[used.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    used.refresh_from_db()
    assert used.version == "BIB-2024.09"
    assert Indicator.objects.filter(catalogue=used).count() == 13


def test_an_unused_version_can_still_be_corrected(admin_client):
    admin_client.post(reverse(ADD), _form())
    version = IndicatorCatalogue.objects.get(version="BIB-2026.01")
    change = reverse("admin:pathways_indicatorcatalogue_change", args=[version.pk])
    form = _form(sources="corrected source")
    # The 13 existing rows, sent back as the change page would.
    form["indicators-INITIAL_FORMS"] = "13"
    for n, indicator in enumerate(version.indicators.order_by("position")):
        form[f"indicators-{n}-id"] = str(indicator.pk)
        form[f"indicators-{n}-catalogue"] = str(version.pk)
    assert admin_client.post(change, form).status_code == 302
    version.refresh_from_db()
    assert version.sources == "corrected source"


@pytest.mark.parametrize(
    "model",
    [
        models.Person,
        models.Pregnancy,
        models.Birth,
        models.Child,
        models.Contact,
        models.CareTeamMember,
        models.Consent,
        models.EmergencyAccess,
        models.Screening,
        models.ScreeningAnswer,
        models.ProgrammeService,
        models.Referral,
    ],
)
def test_no_person_or_family_record_in_the_admin(model):
    assert model not in admin.site._registry
    with pytest.raises(NoReverseMatch):
        reverse(f"admin:pathways_{model._meta.model_name}_changelist")


def test_a_verified_non_staff_professional_cannot_open_the_catalogue(client_for, analyst):
    response = client_for(analyst).get(reverse("admin:pathways_indicatorcatalogue_changelist"))
    assert response.status_code in (302, 403)
    assert not IndicatorCatalogue.objects.filter(version="BIB-2026.01").exists()
