"""Settings for the test suite (pytest) and for the site that browser tests drive."""

import os

from .dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or BASE_DIR / "var" / "test-media"  # noqa: F405
WHITENOISE_AUTOREFRESH = True
