"""Settings shared by every environment.

Environment-specific modules (dev, test, production) import from here and
change only what differs. Anything secret or host-specific comes from the
environment, never from this file.
"""

import base64
import hashlib
import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def secret_key_from(path):
    """The secret key kept in the file at `path`, made at random the first time.

    Only the owner may read the file. It appears whole or not at all (written aside,
    then linked into place), so two processes starting at once read the same key.
    """
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(50) + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


INSTALLED_APPS = [
    # Our capabilities, one app each.
    "core",
    # The task queue under everything: mail, retries, the failed-task report.
    "background",
    "accounts",
    "home",
    "quickexit",
    "articles",
    "contacts",
    "resources",
    "search",
    "figures",
    # "Have your say": pre-moderated comments on articles.
    "comments",
    # Operations: `manage.py backup` and `restore`.
    "backups",
    # The demo partnership: load_demo and its data files. Nothing imports it.
    "demo",
    # Wagtail and the packages it builds on.
    "wagtail_periodic_review",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # The task queue on the project's database, and its cron-style scheduler.
    "django_tasks_db",
    "crontask",
    # Sign-up, email verification, MFA and rate limits for practitioner accounts.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Django.
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    # Needed by the PostgreSQL search backend; harmless on SQLite.
    "django.contrib.postgres",
]

MIDDLEWARE = [
    # Outermost, so that it times the whole answer and logs its final status (core/logs.py).
    "core.logs.RequestLogMiddleware",
    # Next, so that it compresses what every other middleware has finished writing
    # (core/compression.py). Streamed files (static, documents) pass through as they are.
    "core.compression.PageGZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, CSRF and messages, so that it sees the cookies they set.
    "core.http_cache.SharedCacheMiddleware",
    # Before sessions, CSRF and messages: when a session ends, their cookies go too.
    "core.middleware.EndedSessionCookiesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Lapsed approvals and MFA for everyone with admin access (needs request.user).
    "accounts.middleware.AccountAccessMiddleware",
    "accounts.middleware.SessionIdleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Near the end, so that it sees each response (the 405 page's too) before the
    # middleware above does.
    "core.middleware.PrivacyHeadersMiddleware",
    # Puts the site's 405 page into Django's empty "method not allowed" answers.
    "safeguarding.middleware.MethodNotAllowedPageMiddleware",
]

ROOT_URLCONF = "safeguarding.urls"
WSGI_APPLICATION = "safeguarding.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite is the zero-setup default; DATABASE_URL (postgres:// or postgresql://,
# psycopg 3) selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server's workers and the task worker write to one file (in production the
    # shared cache too). A transaction takes the write lock when it begins, and waits up
    # to 20 s for it, rather than failing with "database is locked" when it first writes
    # while another holds the lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles a query whose estimated cost is high. The page and site
    # settings joins are cheap to run but, before the planner has table statistics (a new
    # database), look dear enough to be compiled on every request, for seconds each time.
    # Short queries like this site's never gain from it. pg_trgm's word-similarity
    # operator, which the spelling suggestions use with an index, holds from 0.3, the
    # similarity search/spelling.py asks for (TRIGRAM_THRESHOLD), not pg_trgm's 0.6.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", "-c jit=off -c pg_trgm.word_similarity_threshold=0.3"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A local-memory cache needs nothing installed; REDIS_URL switches to Redis,
# which several app servers can share. Production never keeps the local-memory
# cache (settings/production.py): it is private to each worker process.
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "safeguarding")
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered fragments that depend only on what their key holds (a contact card, keyed by
# everything the card shows: `{% cache … using="fragments" %}`), kept by each process
# in its own memory: asking a shared cache would cost about as much as rendering them.
FRAGMENTS_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
CACHES["fragments"] = FRAGMENTS_CACHE

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or BASE_DIR / "media"
# collectstatic names each static file by its content's hash and writes a gzip copy
# beside it. WhiteNoise serves the hashed names with a far-future, immutable
# Cache-Control (ten years) and the gzip copy to browsers that accept it.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Wagtail's page editor can exceed Django's default of 1000 fields per form.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Visitor safety: no page may tell another site which page a visitor read,
# be framed by another site, or load anything from another host.
SECURE_REFERRER_POLICY = "no-referrer"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True


def inline_script_hash(path):
    """The CSP source expression ('sha256-…') allowing an inline script with exactly
    the bytes of the file at `path`."""
    digest = hashlib.sha256(Path(path).read_bytes()).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


# The quick-exit script is inline so that it runs before the page paints. It is
# allowed by the hash of its file, which the app's template tag inlines byte for
# byte, never by 'unsafe-inline'. The hash is made here from the file, not imported
# from the app, because settings import no app code (quickexit/README.md, "CSP").
QUICK_EXIT_SCRIPT = BASE_DIR / "quickexit" / "static" / "quickexit" / "quick-exit.js"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, inline_script_hash(QUICK_EXIT_SCRIPT)],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# A preview of a draft (core.middleware) is the public policy, except that the admin's
# own pages may frame it: Wagtail shows previews in a frame beside the editor.
SECURE_CSP_PREVIEW = SECURE_CSP | {"frame-ancestors": [CSP.SELF]}
# The Wagtail admin, for signed-in editors only, relies on inline scripts and
# styles and shows page previews in a frame of its own.
SECURE_CSP_ADMIN = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}

WAGTAIL_SITE_NAME = "Demo Valley Safeguarding Children Partnership"
# No avatars fetched from Gravatar: the admin makes no request to another host.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# PostgreSQL's full-text search on PostgreSQL, SQLite's FTS5 on SQLite, both with English
# stemming ("exploited" finds "exploitation"): PostgreSQL's "english" configuration, named
# here rather than left to the server's default, and the Porter stemmer that a migration
# of the search app gives SQLite's index. Changing SEARCH_CONFIG needs `manage.py update_index`.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"}
}
WAGTAILDOCS_DOCUMENT_MODEL = "resources.Resource"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are always streamed through Wagtail's permission-checking view,
# never redirected to a media URL that bypasses it.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# The marking rules, and no images in private collections (P1), live in these forms.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "resources.forms.ResourceForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "resources.forms.ImageForm"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Wagtail's embeds app is left out on purpose: embeds fetch from, and load,
# other hosts. External films are shown as link cards instead.

# Accounts. One way in: every login, the Wagtail admin's included, goes
# through allauth, so nothing bypasses email verification or MFA (P9).
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/accounts/profile/"
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Group restrictions only (P8): shared passwords are stored in plain text. Wagtail
# has no setting for "any signed-in user"; accounts/checks.py fails on either.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}

# Background tasks (Django's tasks framework; Wagtail's search-index, reference and
# purge tasks use the django-tasks backport, which reads the same TASKS setting, so
# both run on one backend). TASKS is unset here: the immediate backend runs each task
# in the request that enqueued it, as the tests need. Development and production put
# them on the database queue (django-tasks-db), run by `manage.py run_worker`, and
# schedule jobs with `manage.py crontask`. Nothing that hides restricted material
# waits for the worker (P14): the site's own purges run in the request after the
# commit (core/purge.py), and search and listings filter every result per visitor.
# Failed tasks on the queue are retried with back-off (background/retry.py).
BACKGROUND_TASKS = {
    "ATTEMPTS": int(os.environ.get("TASK_ATTEMPTS", 20)),
    "FIRST_RETRY_DELAY": int(os.environ.get("TASK_FIRST_RETRY_DELAY", 10)),
    "MAX_RETRY_DELAY": int(os.environ.get("TASK_MAX_RETRY_DELAY", 600)),
    "TASK_TIMEOUT": int(os.environ.get("TASK_TIMEOUT", 15 * 60)),
}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# With REDIS_URL, a scheduler holds a lock there, so that a second one started by
# mistake waits instead of enqueuing every job twice. Without it, run one scheduler.
CRONTASK = {"REDIS_URL": os.environ.get("REDIS_URL") or None}

# How long the shared cache (Varnish or a CDN) may keep an anonymous copy of a
# public page (core/http_cache.py). Purges clear a copy as soon as what it shows
# changes, so this only bounds what a missed purge can cost. When the app servers
# are down or failing, the cache may go on serving its last good copy this long.
SHARED_CACHE_MAX_AGE = int(os.environ.get("SHARED_CACHE_MAX_AGE", 3600))
SHARED_CACHE_STALE_IF_ERROR = int(os.environ.get("SHARED_CACHE_STALE_IF_ERROR", 86400))

# The CDN or reverse proxy to purge when public content changes (core/purge.py).
# None by default; the environment names one: FRONTEND_CACHE_PURGE_URL for a proxy
# that accepts HTTP PURGE (Varnish, Squid), or the Cloudflare zone and API token.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
    }

# The sign-up form checks the domain allow-list and asks organisation and role; every
# form a person meets has our labels and the input attributes GOV.UK's patterns ask for.
ACCOUNT_FORMS = {
    "signup": "accounts.forms.PractitionerSignupForm",
    "login": "accounts.forms.LoginForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "reauthenticate": "accounts.forms.ReauthenticateForm",
    "add_email": "accounts.forms.AddEmailForm",
}
# The messages of a refused sign-in or code, in our own words.
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
MFA_ADAPTER = "accounts.adapters.MFAAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
# One work address per account: no adding a second address that skips the allow-list.
ACCOUNT_MAX_EMAIL_ADDRESSES = 1
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Stricter than allauth's defaults (which fill in the rest), counted per IP
# address and per email address ("key"): failed logins lock an address out for
# five minutes whichever IP they come from.
ACCOUNT_RATE_LIMITS = {
    "login": "20/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "5/m/ip,20/h/ip",
    "reset_password": "5/m/ip,3/h/key",
    # "Have your say" comments (the comments app uses allauth's limiter, in the shared cache).
    "comment": "5/h/ip,20/d/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_FORMS = {
    "authenticate": "accounts.forms.AuthenticateForm",
    "reauthenticate": "accounts.forms.MFAReauthenticateForm",
    "activate_totp": "accounts.forms.ActivateTOTPForm",
}
MFA_TOTP_ISSUER = WAGTAIL_SITE_NAME

# Sessions end when the browser closes and after 30 minutes without a request (their
# end is moved on as they are used, at most once a minute: accounts.middleware).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 30 * 60
CSRF_FAILURE_VIEW = "safeguarding.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
# The CSRF token that forms need is kept as long as the browser is open, not a year.
CSRF_COOKIE_AGE = None
