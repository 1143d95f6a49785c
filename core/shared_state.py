"""The cache every worker shares: what production requires of it, and its table.

Used authenticator codes and rate-limit counts live in Django's default cache
(allauth keeps them there). A cache private to each process, or one that keeps
nothing, would accept one code once per worker and multiply every limit.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

# Private to one process (locmem), keeping nothing (dummy), or one machine's files,
# whose `add` is not atomic (filebased).
UNSHARED_BACKENDS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}


def cache_is_shared():
    """Whether the default cache is one that every worker shares."""
    return settings.CACHES.get("default", {}).get("BACKEND", "") not in UNSHARED_BACKENDS


def require_shared_cache():
    """Refuse to start where the settings ask for a shared cache and have none."""
    if not getattr(settings, "REQUIRE_SHARED_CACHE", False):
        return
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if not cache_is_shared():
        raise ImproperlyConfigured(
            f"The default cache ({backend}) is not shared by every worker. Set REDIS_URL, "
            "or use the database cache (django.core.cache.backends.db.DatabaseCache)."
        )


def create_cache_tables(using, **kwargs):
    """After `migrate`, create the database cache's table where one is configured and
    missing (Django's createcachetable, which does nothing otherwise)."""
    call_command("createcachetable", database=using, verbosity=0)
