from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "perinatal.core"
    label = "core"
    verbose_name = "Core"
