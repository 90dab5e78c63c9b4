from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "perinatal.api"
    label = "api"
