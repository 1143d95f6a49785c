from django.apps import AppConfig


class FiguresConfig(AppConfig):
    """Published statistics held as data: datasets, their releases and their figures."""

    name = "figures"
    verbose_name = "Figures"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import site_configuration
        from figures import purge
        from figures.models import Dataset, Release

        purge.connect()
        # Datasets are kept with the site configuration until one changes (an import
        # saves the dataset with its new current release).
        site_configuration.watch(Dataset, Release)
