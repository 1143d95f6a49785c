"""Purge every page when a published contact or an area changes: any page of any site may
show a contact, and the areas' names and places are on "Worried about a child?". A site's
pages go when its helpline for young people is changed."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import published, unpublished

from contacts.models import Area, Contact, YoungPeopleSettings
from core.purge import on_site_setting_save, purge_all_sites


def contact_deleted(instance, **kwargs):
    if instance.live:
        purge_all_sites()


def connect():
    """Connect the rules (from `HelpConfig.ready`)."""
    published.connect(purge_all_sites, sender=Contact)
    unpublished.connect(purge_all_sites, sender=Contact)
    post_delete.connect(contact_deleted, sender=Contact)
    post_save.connect(purge_all_sites, sender=Area)
    post_delete.connect(purge_all_sites, sender=Area)
    on_site_setting_save(YoungPeopleSettings)
