"""Settings for the test suite (pytest) and for the site that browser tests drive.

Built on base, like production, with only what tests need set here: a change to the
development settings never changes what the tests prove.
"""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "django-insecure-test-only-key"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# The site's URLs plus one page that always fails, so tests can see the real 500 page.
ROOT_URLCONF = "safeguarding.testing.urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# The site that browser tests serve writes its mail into a folder the test reads.
if os.environ.get("TEST_EMAIL_DIR"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": os.environ["TEST_EMAIL_DIR"]},
        }
    }

# Uploads go to a folder made for this test run; conftest.py passes it on to every
# process the run starts (through MEDIA_ROOT) and removes it at the end.
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or tempfile.mkdtemp(prefix="safeguarding-test-media-")

# Static files straight from the apps: no collectstatic step before a test run.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The site that browser tests serve has the demo users, who sign in with this password.
DEMO_USERS_ENABLED = True
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "demo-valley-2026")
