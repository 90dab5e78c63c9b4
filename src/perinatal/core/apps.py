from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "perinatal.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the deploy checks
        from .control_characters import install_form_validator
        from .health import register_core_checks

        register_core_checks()
        install_form_validator()
