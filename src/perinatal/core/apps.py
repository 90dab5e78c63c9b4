from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "perinatal.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # The system checks (the national number's keys).
        from . import checks  # noqa: F401
