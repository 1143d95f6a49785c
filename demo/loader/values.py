"""Turning a node's data into model field values, with every key replaced by its object.

The same walk finds an object's references (to order the loading) and resolves them (to load
it): `convert(node, names, ref)` calls `ref(namespace, key)` for each reference it meets and
uses what `ref` returns. A reference is any value in the position of a relation:
- a foreign key or many-to-many field: the key (or list of keys) of the related object;
- a chooser block in a StreamField (a page, a contact, a document): its key;
- a link in rich text: `<a linktype="page" id="KEY">` (or `linktype="document"`).
"""

import re

from django.core.exceptions import FieldDoesNotExist
from django.db.models import ManyToOneRel
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.coreutils import resolve_model_string
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .data import DemoDataError, namespace

RICH_TEXT_LINK = re.compile(r'(<a linktype="(page|document)" id=")([^"]*)(")')


def convert(node, names, ref):
    """(plain field values, {m2m name: objects}, {child relation name: unsaved children})."""
    return _convert(node, node.model, {name: node.fields[name] for name in names}, ref)


def _convert(node, model, values, ref):
    plain, many, children = {}, {}, {}
    for name, value in values.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            raise DemoDataError(f"{node}: {model._meta.label} has no field {name!r}") from None
        if isinstance(field, ManyToOneRel) and isinstance(field.field, ParentalKey):
            child_model = field.related_model
            children[name] = [
                child_model(**_convert(node, child_model, row, ref)[0])
                for row in day_ranges(node, child_model, value)
            ]
        elif field.many_to_many:
            many[name] = [ref(namespace(field.related_model), key) for key in value]
        elif field.is_relation:
            plain[name] = ref(namespace(field.related_model), value) if value else None
        elif isinstance(field, StreamField):
            plain[name] = stream(node, field.stream_block, value, ref)
        elif isinstance(field, RichTextField):
            plain[name] = rich_text(value, ref)
        else:
            plain[name] = field.to_python(value)
    return plain, many, children


def stream(node, block, value, ref):
    """A StreamField value as Wagtail's raw JSON, with keys replaced by primary keys."""
    if isinstance(block, blocks.StreamBlock):
        items = []
        for item in value:
            child = block.child_blocks.get(item.get("type"))
            if child is None:
                raise DemoDataError(f"{node}: no block type {item.get('type')!r}")
            items.append({"type": item["type"], "value": stream(node, child, item["value"], ref)})
        return items
    if isinstance(block, blocks.ListBlock):
        return [stream(node, block.child_block, item, ref) for item in value]
    if isinstance(block, blocks.StructBlock):
        unknown = set(value) - set(block.child_blocks)
        if unknown:
            raise DemoDataError(f"{node}: a {block.name} block has no {', '.join(unknown)}")
        return {
            name: stream(node, child, value[name], ref) if name in value else empty(child)
            for name, child in block.child_blocks.items()
            if name in value or isinstance(child, blocks.FieldBlock)
        }
    if isinstance(block, blocks.ChooserBlock):
        model = resolve_model_string(block.target_model)
        return ref(namespace(model), value).pk if value else None
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value, ref)
    return value


def empty(block):
    """A field left out: its default, or what an editor's empty form field gives ("" or None)."""
    default = block.get_default()
    return block.field.to_python("") if default is None else block.get_prep_value(default)


def rich_text(html, ref):
    def link(match):
        model = Page if match[2] == "page" else get_document_model()
        return f"{match[1]}{ref(namespace(model), match[3]).pk}{match[4]}"

    return RICH_TEXT_LINK.sub(link, html)


def day_ranges(node, child_model, rows):
    """Rows with `days = "Monday to Friday"` (or a day, or "every day") name their first and
    last weekday."""
    converted = []
    for row in rows:
        row = dict(row)
        days = row.pop("days", None)
        if days is None:
            converted.append(row)
            continue
        names = [str(label) for _, label in child_model._meta.get_field("weekday").choices]
        first, _, last = ("Monday to Sunday" if days == "every day" else days).partition(" to ")
        if first not in names or (last or first) not in names:
            raise DemoDataError(f"{node}: days must be like 'Monday to Friday', not {days!r}")
        last_weekday = names.index(last) if last else None
        converted.append({"weekday": names.index(first), "last_weekday": last_weekday, **row})
    return converted
