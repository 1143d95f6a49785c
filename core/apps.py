from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site core"

    def ready(self):
        from core import purge, spreadsheets

        purge.connect()
        spreadsheets.protect_wagtail_exports()
