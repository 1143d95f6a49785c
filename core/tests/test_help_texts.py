"""What editors read in the admin is plain English: the labels and help texts of the
site's own fields and blocks use no developer terms."""

import re

from django.apps import apps
from django.conf import settings
from wagtail import blocks
from wagtail.fields import StreamField

DEVELOPER_TERMS = re.compile(
    r"\b(h[1-6]|slug|snippet|stream ?field|struct|boolean|null|foreign key|json|html|"
    r"queryset|model|pk|regex)\b",
    re.IGNORECASE,
)
OUR_APPS = {
    app.label
    for app in apps.get_app_configs()
    if app.path.startswith(str(settings.BASE_DIR)) and "site-packages" not in app.path
}


def words_of_blocks(block, where):
    """(where, text) for the label and help text of `block` and every block inside it."""
    for text in (block.meta.label, getattr(block.meta, "help_text", None)):
        if text:
            yield where, str(text)
    if isinstance(block, blocks.FieldBlock) and block.field.help_text:
        yield where, str(block.field.help_text)
    children = getattr(block, "child_blocks", None) or {}
    if isinstance(block, blocks.ListBlock):
        children = {"item": block.child_block}
    for name, child in children.items():
        yield from words_of_blocks(child, f"{where}.{name}")
    if isinstance(block, blocks.ChoiceBlock):
        for _value, label in block.field.choices:
            yield where, str(label)


def words_editors_read():
    """(where, text) for the label, help text and choices of every field of our apps' models."""
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        for field in model._meta.get_fields():
            if field.model is not model or not getattr(field, "editable", False):
                continue
            where = f"{model._meta.label}.{field.name}"
            yield where, str(field.verbose_name)
            if field.help_text:
                yield where, str(field.help_text)
            for _value, label in field.flatchoices:
                yield where, str(label)
            if isinstance(field, StreamField):
                yield from words_of_blocks(field.stream_block, where)


def test_no_developer_terms_in_the_admin():
    words = list(words_editors_read())
    assert len(words) > 100  # every app's fields and blocks were read
    assert [f"{where}: {text!r}" for where, text in words if DEVELOPER_TERMS.search(text)] == []
