from django.apps import AppConfig


class DirectorySearchConfig(AppConfig):
    name = "perinatal.directory.search"
    label = "directory_search"
    verbose_name = "Directory search index"

    def ready(self) -> None:
        from . import signals, tasks

        signals.connect_post_migrate(self)
        tasks.register()
