"""`/metrics`: Prometheus' text format for the operator's network (REMOTE_ADDR in
METRICS_ALLOWED_NETWORKS, never X-Forwarded-For), the site's 404 for everyone else; requests,
database, cache and the task queue's depth and failures."""

import pytest
from django_tasks import task
from django_tasks_db.models import DBTaskResult


@task()
def noop() -> None:
    """A task for the queue's gauges; never run here."""


def metric_lines(response) -> list[str]:
    return [line for line in response.content.decode().splitlines() if not line.startswith("#")]


@pytest.mark.django_db
def test_the_operator_reads_requests_database_and_task_queue(client):
    for _ in range(3):
        noop.enqueue()
    DBTaskResult.objects.filter(pk=DBTaskResult.objects.values("pk")[:1]).update(status="FAILED")
    client.get("/nl/")  # a page, through every middleware

    response = client.get("/metrics")  # the test client's REMOTE_ADDR is 127.0.0.1
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"] == "no-store"
    lines = metric_lines(response)
    assert any(
        line.startswith('django_http_requests_total_by_method_total{method="GET"}')
        for line in lines
    )
    assert any(
        line.startswith("django_http_requests_latency_seconds_by_view_method_bucket")
        for line in lines
    )
    assert any(line.startswith("django_db_execute_total{") for line in lines)
    assert 'perinatal_task_queue_depth{queue="default"} 2.0' in lines
    assert 'perinatal_tasks_failed{queue="default"} 1.0' in lines
    assert "perinatal_task_queue_up 1.0" in lines


@pytest.mark.django_db
def test_an_empty_queue_is_zero_not_missing(client):
    lines = metric_lines(client.get("/metrics"))
    assert 'perinatal_task_queue_depth{queue="default"} 0.0' in lines
    assert 'perinatal_tasks_failed{queue="default"} 0.0' in lines


@pytest.mark.django_db
def test_anyone_else_gets_the_sites_404(client):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.5").status_code == 404
    # a header the client writes changes nothing
    response = client.get("/metrics", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="127.0.0.1")
    assert response.status_code == 404
    assert b"django_http" not in response.content


@pytest.mark.django_db
def test_the_operators_network_is_a_setting(client, settings):
    settings.METRICS_ALLOWED_NETWORKS = ["10.20.0.0/16", "2001:db8::/32"]
    assert client.get("/metrics", REMOTE_ADDR="10.20.3.4").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="2001:db8::7").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="::ffff:10.20.3.4").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="10.21.0.1").status_code == 404


@pytest.mark.django_db
def test_prometheus_may_scrape_by_address(client, settings):
    """Like /healthz: answered before the Host header is read."""
    settings.ALLOWED_HOSTS = ["perinatal.example"]
    assert client.get("/metrics", HTTP_HOST="10.1.2.3:8000").status_code == 200
