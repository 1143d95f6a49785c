from django.apps import AppConfig


class QuickExitConfig(AppConfig):
    name = "quickexit"
    verbose_name = "Quick exit"

    def ready(self):
        from core.purge import on_site_setting_save
        from quickexit.models import QuickExitSettings

        # Every page carries the exit destination and the staying-safe link.
        on_site_setting_save(QuickExitSettings)
