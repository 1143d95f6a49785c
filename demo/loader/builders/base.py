"""What every builder shares, and the builder for plain records (areas, contacts, topics)."""

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from wagtail.models import DraftStateMixin, RevisionMixin

from ..data import DemoDataError
from ..values import convert

# What a reference stands for while the references are only being collected.
UNRESOLVED = SimpleNamespace(pk=0)


class Builder:
    # Data fields that are not model fields, handled by the builder itself.
    special = ()

    def model_fields(self, node):
        return [name for name in node.fields if name not in self.special]

    def references(self, node):
        found = []

        def collect(namespace, key):
            found.append((namespace, key))
            return UNRESOLVED

        convert(node, self.model_fields(node), collect)
        return found + list(self.special_references(node))

    def special_references(self, node):
        return ()

    def values(self, node, ref):
        return convert(node, self.model_fields(node), ref)


def clean(node, obj, **kwargs):
    """The validation an editor's save runs (`full_clean`), failing with the node's name."""
    try:
        obj.full_clean(**kwargs)
    except ValidationError as error:
        raise DemoDataError(f"{node} is not valid: {error}") from error


def publish(obj):
    """Publish a new snippet with a revision, as an editor's first publish would."""
    if isinstance(obj, RevisionMixin) and isinstance(obj, DraftStateMixin):
        obj.save_revision().publish()


class RecordBuilder(Builder):
    """Any other model: found by the fields its kind's `find_by` names, created if missing."""

    def find(self, node, plain):
        if not node.find_by:
            raise DemoDataError(f"{node}: its kind needs find_by (the fields that identify it)")
        lookup = {}
        for name in node.find_by:
            field = node.model._meta.get_field(name)
            lookup[name] = plain[name] if name in plain else field.get_default()
        return node.model.objects.filter(**lookup).first()

    def build(self, node, ref):
        plain, many, children = self.values(node, ref)
        existing = self.find(node, plain)
        if existing is not None:
            return existing
        obj = node.model(**plain)
        for name, rows in children.items():
            parent_key = node.model._meta.get_field(name).field.name
            for row in rows:
                clean(node, row, exclude=[parent_key])
            setattr(obj, name, rows)
        clean(node, obj)
        obj.save()
        for name, related in many.items():
            getattr(obj, name).set(related)
        publish(obj)
        return obj
