"""Settings for the test suite (pytest) and for the site that browser tests drive."""

import os

from .dev import *  # noqa: F403

DEBUG = False
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
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or BASE_DIR / "var" / "test-media"  # noqa: F405
WHITENOISE_AUTOREFRESH = True
