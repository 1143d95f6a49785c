"""Purge every page that shows a dataset's figures when its current release changes (an
import or a roll-back) or its details change (source, next release date), and a site's
pages when its police force area changes.

The pages are found through Wagtail's reference index: the figures' blocks choose their
dataset with a chooser block, which the index records for every page.
"""

from django.db.models.signals import post_save
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex

from core.purge import add_pages, on_site_setting_save, purge_after_commit

from .models import Dataset, FiguresSettings
from .signals import release_published


def pages_showing(dataset):
    references = ReferenceIndex.get_references_to(dataset).filter(
        base_content_type__app_label="wagtailcore", base_content_type__model="page"
    )
    ids = {int(pk) for pk in references.values_list("object_id", flat=True)}
    return Page.objects.filter(pk__in=ids).live()


def purge_dataset_pages(dataset):
    batch = PurgeBatch()
    add_pages(batch, pages_showing(dataset))
    purge_after_commit(batch)


def release_changed(sender, dataset, **kwargs):
    purge_dataset_pages(dataset)


def dataset_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        purge_dataset_pages(instance)


def connect():
    """Connect the rules (from `FiguresConfig.ready`)."""
    release_published.connect(release_changed, dispatch_uid="purge-figures-release")
    post_save.connect(dataset_saved, sender=Dataset, dispatch_uid="purge-figures-dataset")
    on_site_setting_save(FiguresSettings)
