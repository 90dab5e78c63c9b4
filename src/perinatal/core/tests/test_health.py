import pytest


@pytest.mark.django_db
def test_healthz_reports_the_database_it_answered_from(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] in {"sqlite", "postgresql"}
    assert response["Cache-Control"] == "no-store"
