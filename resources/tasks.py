"""The resource library's background tasks."""

from django.tasks import task
from wagtail.search import index

from resources.document_text import document_text
from resources.models import Resource


@task
def extract_text(resource_id):
    """Read the words of a resource's file into `Resource.text`, and index them.

    The file is read as it is when the task runs, so after two quick replacements
    both tasks store the newer file's words. Stored with an update, not a save, so that
    neither the purge rules nor this task's own trigger run again.
    """
    resource = Resource.objects.filter(pk=resource_id).first()
    if resource is None:  # deleted since
        return
    resource.text = document_text(resource)
    Resource.objects.filter(pk=resource.pk).update(text=resource.text)
    index.insert_or_update_object(resource)
