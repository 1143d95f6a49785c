"""The resource library: collections (with their privacy) and documents (with their file)."""

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction

from demo.pdf import demo_file
from resources.marking import marking_errors

from ..data import DemoDataError, namespace
from .base import Builder, RecordBuilder, clean


class CollectionBuilder(Builder):
    """A top-level collection, found by name; `private_to` lists the groups that may view it."""

    special = ("private_to",)

    def special_references(self, node):
        for key in node.fields.get("private_to", []):
            yield namespace(Group), key

    def build(self, node, ref):
        plain, _, _ = self.values(node, ref)
        root = Collection.get_first_root_node()
        existing = root.get_children().filter(name=plain["name"]).first()
        if existing is not None:
            return existing
        collection = Collection(**plain)
        clean(node, collection, exclude=["path", "depth"])
        root.add_child(instance=collection)
        groups = [ref(namespace(Group), key) for key in node.fields.get("private_to", [])]
        if groups:
            restriction = CollectionViewRestriction.objects.create(
                collection=collection, restriction_type=CollectionViewRestriction.GROUPS
            )
            restriction.groups.set(groups)
        return collection


class DocumentBuilder(RecordBuilder):
    """A document with a generated demo PDF (`file = { name, covers, real_copy }`).

    Saving it enqueues the reading of its words for search (`resources.tasks.extract_text`),
    as an upload in the admin does: the worker that `make run` starts reads them.

    Besides `full_clean`, a new document must pass the marking rules the admin's form applies
    (`resources.marking.marking_errors`), or loading stops.
    """

    special = ("file",)

    def build(self, node, ref):
        plain, many, _ = self.values(node, ref)
        existing = self.find(node, plain)
        if existing is not None:
            return existing
        document = node.model(**plain)
        errors = marking_errors(document)
        if errors:
            raise DemoDataError(f"{node} breaks the marking rules: {errors}")
        file = node.fields["file"]
        words = node.file_data["demo_files"]
        document.file.save(file["name"], ContentFile(demo_file(document, file, words)), save=False)
        clean(node, document)
        document.save()
        # The public API for a stored file's size and hash (each saves just that field).
        document.get_file_size()
        document.get_file_hash()
        for name, related in many.items():
            getattr(document, name).set(related)
        return document
