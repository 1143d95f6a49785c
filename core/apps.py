from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site core"

    def ready(self):
        from core import logs, purge, shared_state, site_configuration, spreadsheets

        shared_state.require_shared_cache()
        post_migrate.connect(shared_state.create_cache_tables, sender=self)
        purge.connect()
        site_configuration.connect()
        spreadsheets.protect_wagtail_exports()
        logs.connect()
