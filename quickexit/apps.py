from django.apps import AppConfig


class QuickExitConfig(AppConfig):
    name = "quickexit"
    verbose_name = "Quick exit"
