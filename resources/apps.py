from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Resources"

    def ready(self):
        from resources import purge, text_updates

        purge.connect()
        text_updates.connect()
