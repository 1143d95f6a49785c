from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from wagtail.models import Page

        from accounts import checks, privacy, signals  # noqa: F401  (registers them)

        # Being signed in grants nothing (P8): the page privacy dialog offers
        # only "private, accessible to users in specific groups", for every page
        # type. The system check in checks.py catches restrictions made otherwise.
        Page.private_page_options = ["groups"]
        # And the collection privacy dialog offers only "public" and "groups".
        privacy.offer_groups_only()
