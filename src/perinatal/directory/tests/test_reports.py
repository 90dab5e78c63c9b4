"""Readers report errors or missing services; editors handle them."""

import pytest

from django.core.cache import cache
from django.urls import reverse

from perinatal.directory.constants import ReportStatus
from perinatal.directory.models import ErrorReport
from perinatal.directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _report_url(service=None):
    if service is None:
        return reverse("directory:report_missing")
    return reverse("directory:report", kwargs={"service_id": service.id})


def test_a_report_reaches_the_editors_queue(client, editor_client):
    service = ServiceFactory()
    response = client.post(
        _report_url(service), {"kind": "error", "message": "Het nummer klopt niet."}
    )
    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert (report.service, report.status, report.language) == (service, ReportStatus.OPEN, "nl")
    queue = editor_client.get(reverse("directory:editor_queue")).content.decode()
    assert "Het nummer klopt niet." in queue


def test_a_missing_service_can_be_reported_without_an_entry(client):
    client.post(_report_url(), {"kind": "missing", "message": "Er ontbreekt een dienst in Jette."})
    assert ErrorReport.objects.get().kind == "missing"


def test_the_honeypot_stores_nothing_but_looks_the_same(client):
    service = ServiceFactory()
    response = client.post(
        _report_url(service),
        {"kind": "error", "message": "buy pills now", "website": "http://spam.example"},
    )
    assert response.status_code == 302
    assert not ErrorReport.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "error", "message": ""}, "message"),
        ({"kind": "error", "message": "ok"}, "message"),
        ({"kind": "praise", "message": "Lange tekst hier."}, "kind"),
        (
            {"kind": "error", "message": "Lange tekst hier.", "reporter_email": "nope"},
            "reporter_email",
        ),
    ],
)
def test_bad_reports_are_refused_with_the_field_named(client, data, field):
    response = client.post(_report_url(ServiceFactory()), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not ErrorReport.objects.exists()


def test_html_in_a_report_is_shown_as_text(client, editor_client):
    client.post(
        _report_url(ServiceFactory()), {"kind": "error", "message": "<img src=x onerror=alert(1)>"}
    )
    queue = editor_client.get(reverse("directory:editor_queue")).content.decode()
    assert "<img src=x" not in queue and "&lt;img src=x onerror=alert(1)&gt;" in queue


def test_reports_are_rate_limited_per_address(client):
    service = ServiceFactory()
    codes = [
        client.post(
            _report_url(service), {"kind": "error", "message": f"Fout nummer {i}."}
        ).status_code
        for i in range(11)
    ]
    assert codes[:10] == [302] * 10
    assert codes[10] == 429
    assert ErrorReport.objects.count() == 10


def test_behind_a_balancer_reports_are_counted_per_client_not_per_balancer(client, settings):
    """All requests come from the balancer's address; X-Forwarded-For names the client (the
    entry the balancer added, never the left end a client could forge)."""
    settings.CLIENT_IP_HEADERS = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    settings.CLIENT_IP_PROXY_COUNT = 1
    service = ServiceFactory()

    def post(client_address: str, forged: str = "") -> int:
        forwarded = f"{forged}, {client_address}" if forged else client_address
        return client.post(
            _report_url(service),
            {"kind": "error", "message": "Het telefoonnummer klopt niet."},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=forwarded,
        ).status_code

    first = [post("203.0.113.5", forged=f"198.51.100.{i}") for i in range(11)]
    assert first[:10] == [302] * 10
    assert first[10] == 429  # a forged left end does not give a fresh address
    assert post("203.0.113.6") == 302  # another person behind the same balancer


def test_editor_closes_a_report_with_a_note(client, editor_client, editor):
    client.post(_report_url(ServiceFactory()), {"kind": "error", "message": "Adres is fout."})
    report = ErrorReport.objects.get()
    response = editor_client.post(
        reverse("directory:report_close", kwargs={"report_id": report.id}),
        {"status": "resolved", "resolution": "Adres aangepast."},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.handled_by, report.resolution) == (
        "resolved",
        editor,
        "Adres aangepast.",
    )
    assert report.handled_at is not None
