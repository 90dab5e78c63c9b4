import pytest


@pytest.mark.django_db
def test_healthz_reports_the_database_it_answered_from(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] in {"sqlite", "postgresql"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_a_load_balancer_probing_by_address_is_answered(client, settings):
    """A probe sends the server's address as Host, which ALLOWED_HOSTS does not name."""
    settings.ALLOWED_HOSTS = ["perinatal.example"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response["Cache-Control"] == "no-store"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    # every other page still checks the Host header
    assert client.get("/nl/", HTTP_HOST="10.1.2.3:8000", secure=True).status_code == 400
