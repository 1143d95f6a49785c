from django.apps import AppConfig


class ContactsConfig(AppConfig):
    """The contact registry.

    The label stays "help", the app's first name, so that the tables, content types,
    permissions and migration history of an existing install carry over unchanged
    ("help.Contact" in model references and permissions).
    """

    name = "contacts"
    label = "help"
    verbose_name = "Contact registry"

    def ready(self):
        from contacts import purge
        from contacts.models import Contact, OpeningPeriod
        from core import site_configuration

        purge.connect()
        # Contacts are kept with the site configuration until one changes.
        site_configuration.watch(Contact, OpeningPeriod)
