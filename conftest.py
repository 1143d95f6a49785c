import os
import shutil
from functools import partial
from pathlib import Path

from django.conf import settings

pytest_plugins = [
    "safeguarding.testing.fixtures",
    "safeguarding.testing.demo_server",
    "safeguarding.testing.browser",
    "resources.testing",
    "safeguarding.testing.purge",
    "background.testing",
]
# The prefix of the folder that safeguarding/settings/test.py makes for a run's uploads.
TEST_MEDIA_PREFIX = "safeguarding-test-media-"


def pytest_configure(config):
    """Give the run's media folder (made by the test settings) to every process it starts.

    xdist workers, the served demo site and manage.py subprocesses inherit MEDIA_ROOT, so
    all of them write uploads to the same per-run folder, which the run removes at its end.
    Nothing is removed that the test settings did not make for this run.
    """
    media_root = Path(settings.MEDIA_ROOT)
    if "MEDIA_ROOT" in os.environ or not media_root.name.startswith(TEST_MEDIA_PREFIX):
        return
    os.environ["MEDIA_ROOT"] = str(media_root)
    config.add_cleanup(partial(shutil.rmtree, media_root, ignore_errors=True))
