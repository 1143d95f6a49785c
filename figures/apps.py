from django.apps import AppConfig


class FiguresConfig(AppConfig):
    """Published statistics held as data: datasets, their releases and their figures."""

    name = "figures"
    verbose_name = "Figures"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from figures import purge

        purge.connect()
