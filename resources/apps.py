from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Resources"

    def ready(self):
        from wagtail.documents.models import document_served

        from resources import purge
        from resources.audit import record_sensitive_download

        document_served.connect(record_sensitive_download, dispatch_uid="resources_audit")
        purge.connect()
