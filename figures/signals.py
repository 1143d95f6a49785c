"""`release_published`: a dataset's current release changed (an import or a roll-back),
sent after the commit with `dataset`."""

from django.dispatch import Signal

release_published = Signal()
