"""System checks of the core (`perinatal check`, and before `migrate`, `runserver` …): the
national number's keys are well formed (core/national_number_keys.py)."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from .national_number_keys import encryption_key_problems, hash_key_problems


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
