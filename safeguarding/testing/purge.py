"""A frontend-cache backend that records what it is asked to purge, for tests.

Wagtail builds a new backend object for every purge, so the URLs are kept in a
module-level list. The `purged_urls` fixture switches it on and empties it.
"""

import pytest
from wagtail.contrib.frontend_cache.backends import BaseBackend

PURGED = []


def reset():
    PURGED.clear()


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def purged_urls(settings):
    """The URLs purged while the test runs, in order (the same URL may appear twice)."""
    reset()
    settings.WAGTAILFRONTENDCACHE = {
        "recording": {"BACKEND": "safeguarding.testing.purge.RecordingBackend"}
    }
    yield PURGED
    reset()
