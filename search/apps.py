from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search over pages and resources, filtered for each request (P4, P5)."""

    name = "search"
    label = "search"
    verbose_name = "Site search"
