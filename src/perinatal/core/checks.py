"""System checks of core (`perinatal check`, and before `migrate`, `runserver` …):

- `perinatal.E101`/`E102`: the national number's keys are well formed
  (core/national_number_keys.py).

Deployment checks (`perinatal check --deploy`):

- `perinatal.W031`: several server processes would each count alone — no shared cache
  (`REDIS_URL` unset) while gunicorn would start more than one worker (`WEB_CONCURRENCY`, or
  its default of 2 × CPUs + 1): every rate limit would then be multiplied by the number of
  processes.
- `perinatal.E032`: `METRICS_ALLOWED_NETWORKS` holds something that is not a network.
"""

import ipaddress
from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from .gunicorn_conf import default_workers
from .national_number_keys import encryption_key_problems, hash_key_problems

PROCESS_LOCAL_CACHES = ("LocMemCache", "DummyCache")


@register(Tags.security)
def national_number_keys_check(
    *,
    app_configs: Sequence[AppConfig] | None,
    databases: Sequence[str] | None,
    **kwargs: Any,
) -> Sequence[CheckMessage]:
    hash_key = getattr(settings, "NATIONAL_NUMBER_HASH_KEY", "")
    keys = list(getattr(settings, "NATIONAL_NUMBER_ENCRYPTION_KEYS", []))
    messages: list[CheckMessage] = [
        Error(problem, id="perinatal.E101") for problem in hash_key_problems(hash_key)
    ]
    messages += [Error(problem, id="perinatal.E102") for problem in encryption_key_problems(keys)]
    return messages


@register("caches", deploy=True)
def shared_cache_for_several_workers(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    workers = default_workers()
    if workers > 1 and backend.endswith(PROCESS_LOCAL_CACHES):
        return [
            Warning(
                f"{workers} server processes would each count rate limits and throttles alone: "
                "the cache is in each process's memory.",
                hint="Set REDIS_URL (redis://host:6379/0) so every process and server shares "
                "one cache, or WEB_CONCURRENCY=1 on a single process.",
                id="perinatal.W031",
            )
        ]
    return []


@register(deploy=True)
def metrics_networks_are_networks(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    for cidr in getattr(settings, "METRICS_ALLOWED_NETWORKS", ()):
        try:
            ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            errors.append(
                Error(
                    f"METRICS_ALLOWED_NETWORKS: {cidr!r} is not a network.",
                    hint="Comma-separated CIDRs, e.g. 127.0.0.1/32,::1/128,10.20.0.0/16.",
                    id="perinatal.E032",
                )
            )
    return errors
