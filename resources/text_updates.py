"""Read a resource's text again when, and only when, its file is new or replaced.

Connected in `ResourcesConfig.ready()`. Signals, not admin hooks, so the multiple
upload, the edit form's "Change document file", the demo loader and scripts all
enqueue the task; saving only the details (title, summary, marking) reads nothing.
"""

from django.db.models.signals import post_save, pre_save

from resources.models import Resource
from resources.tasks import extract_text


def remember_stored_file(instance, raw=False, update_fields=None, **kwargs):
    if update_fields is not None and "file" not in update_fields:
        instance._file_before_save = instance.file.name  # not saved, so not changed
    elif raw or instance.pk is None:
        instance._file_before_save = None
    else:
        stored = Resource.objects.filter(pk=instance.pk).values_list("file", flat=True)
        instance._file_before_save = stored.first()


def file_saved(instance, raw=False, **kwargs):
    if raw or not instance.file:
        return
    if instance.file.name != getattr(instance, "_file_before_save", None):
        extract_text.enqueue(instance.pk)


def connect():
    pre_save.connect(remember_stored_file, sender=Resource)
    post_save.connect(file_saved, sender=Resource)
