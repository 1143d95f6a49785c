"""Keys for `{% cache %}` fragments that are pure functions of rows: like Wagtail's
`Page.cache_key`, they change whenever anything stored in the rows changes."""

import hashlib

from wagtail.fields import StreamField


def fingerprint(*rows, also=()):
    """A digest of every stored field read of each of `rows` (deferred fields left
    out, as nothing shown was read from them), and of `also`."""
    stored = [_stored(row) for row in rows]
    return hashlib.sha256(repr((stored, tuple(also))).encode()).hexdigest()


def _stored(row):
    deferred = row.get_deferred_fields()
    return [
        # A StreamField's blocks as stored (JSON), every other field as read.
        field.value_to_string(row)
        if isinstance(field, StreamField)
        else getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if field.attname not in deferred
    ]
