from django.apps import AppConfig


class HelpConfig(AppConfig):
    name = "help"
    verbose_name = "Help and contacts"

    def ready(self):
        from help import purge

        purge.connect()
