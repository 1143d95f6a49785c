"""Purge every page when a published contact changes: any page of any site may show one."""

from django.db.models.signals import post_delete
from wagtail.signals import published, unpublished

from contacts.models import Contact
from core.purge import purge_all_sites


def contact_deleted(instance, **kwargs):
    if instance.live:
        purge_all_sites()


def connect():
    """Connect the rules (from `HelpConfig.ready`)."""
    published.connect(purge_all_sites, sender=Contact)
    unpublished.connect(purge_all_sites, sender=Contact)
    post_delete.connect(contact_deleted, sender=Contact)
