from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    name = "background"
    verbose_name = "Background tasks"

    def ready(self):
        from background import retry

        retry.connect()
