"""Prometheus metrics at `/metrics`, for the operator's network only.

What is measured: django-prometheus' request counts and latencies (its two middlewares), its
database metrics (the `django_prometheus.db.backends.*` engines, conf/base.py) and cache
gets/hits/misses (`core/cache.py`), and, computed at each scrape by `TaskQueueCollector`,
the task queue of django-tasks' database backend: `perinatal_task_queue_depth{queue}` (tasks
READY to run) and `perinatal_tasks_failed{queue}` (FAILED tasks kept), in one grouped query.

Who may read it: a client whose own address (`REMOTE_ADDR`, never `X-Forwarded-For`, which
the client writes) is in `METRICS_ALLOWED_NETWORKS` (CIDRs; loopback by default). Everyone
else gets the site's ordinary 404, as for a page that does not exist.

Several gunicorn workers: with `PROMETHEUS_MULTIPROC_DIR` set (`perinatal serve --prod` sets
one), prometheus_client's multiprocess mode adds up every worker's files, so one scrape sees
the whole server (`core/gunicorn_conf.py` marks a stopped worker's files dead).
"""

import ipaddress
import logging
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache

from django_tasks_db.models import DBTaskResult
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
READY, FAILED = "READY", "FAILED"  # django-tasks' TaskResultStatus values


@lru_cache(maxsize=8)
def _networks(cidrs: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(cidr, strict=False) for cidr in cidrs)


def allowed_networks() -> tuple[IPNetwork, ...]:
    """`METRICS_ALLOWED_NETWORKS` as networks (a malformed CIDR raises at the first call;
    the deploy check `perinatal.E031` says so earlier)."""
    return _networks(tuple(getattr(settings, "METRICS_ALLOWED_NETWORKS", ())))


def may_read_metrics(request: HttpRequest) -> bool:
    """Whether the direct peer of this request is in the operator's network."""
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in network for network in allowed_networks())


class TaskQueueCollector(Collector):
    """The task queue's depth and failures per queue, counted when Prometheus scrapes."""

    def collect(self) -> Iterator[Metric]:
        depth = GaugeMetricFamily(
            "perinatal_task_queue_depth", "Tasks waiting to run (READY).", labels=["queue"]
        )
        failed = GaugeMetricFamily(
            "perinatal_tasks_failed", "Failed tasks kept in the database.", labels=["queue"]
        )
        up = GaugeMetricFamily(
            "perinatal_task_queue_up", "1 when the task table could be counted at this scrape."
        )
        counts = {
            (queue, status): 0 for queue in _configured_queues() for status in (READY, FAILED)
        }
        try:
            rows = (
                DBTaskResult.objects.filter(status__in=[READY, FAILED])
                .values_list("queue_name", "status")
                .annotate(n=Count("pk"))
                .order_by()
            )
            for queue, status, n in rows:
                counts[(queue, status)] = n
        except DatabaseError as exc:
            logger.warning(
                "task queue metrics: the database did not answer (%s)", type(exc).__name__
            )
            up.add_metric([], 0)
            yield up
            return
        for (queue, status), n in sorted(counts.items()):
            (depth if status == READY else failed).add_metric([queue], n)
        up.add_metric([], 1)
        yield from (depth, failed, up)


def _configured_queues() -> Iterable[str]:
    for backend in getattr(settings, "TASKS", {}).values():
        yield from backend.get("QUEUES", ["default"])


class _ThisProcess(Collector):
    """The process's own registry (without multiprocess mode), inside a per-scrape registry."""

    def collect(self) -> Iterable[Metric]:
        return REGISTRY.collect()


def metrics_registry() -> CollectorRegistry:
    """What one scrape reads: every worker's metrics (multiprocess mode) or this process's,
    and the task queue."""
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_ThisProcess())
    registry.register(TaskQueueCollector())
    return registry


def metrics(request: HttpRequest) -> HttpResponse:
    """The Prometheus text format (the caller has checked `may_read_metrics`)."""
    return HttpResponse(generate_latest(metrics_registry()), content_type=CONTENT_TYPE_LATEST)
