import os
import shutil

from django.conf import settings

pytest_plugins = [
    "safeguarding.testing.fixtures",
    "safeguarding.testing.browser",
    "resources.testing",
    "safeguarding.testing.purge",
]


def pytest_configure(config):
    """Give the run's media folder (made by the test settings) to every process it starts.

    xdist workers, the served demo site and manage.py subprocesses inherit MEDIA_ROOT, so
    all of them write uploads to the same per-run folder, which the run removes at its end.
    A process that was given MEDIA_ROOT leaves the folder to whoever made it.
    """
    if "MEDIA_ROOT" in os.environ:
        return
    os.environ["MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
    config.add_cleanup(lambda: shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True))
