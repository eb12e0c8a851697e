"""danvan settings, read from the environment (every variable is listed in README.md).

Defaults are safe: DEBUG is off unless asked, and a process with DEBUG off refuses to
start on the built-in development SECRET_KEY.
"""

from __future__ import annotations

import copy
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from danvan.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("DANVAN_VAR_DIR") or BASE_DIR / "var")

DEBUG = env_bool("DEBUG", default=False)
TESTING = env_bool("DANVAN_TESTING", default=False)

_DEV_SECRET_KEY = "danvan-dev-only-insecure-key"
SECRET_KEY = env_str("SECRET_KEY") or _DEV_SECRET_KEY
if SECRET_KEY == _DEV_SECRET_KEY and not (DEBUG or TESTING):
    raise ImproperlyConfigured(
        "SECRET_KEY chưa được đặt: môi trường chạy thật (DEBUG tắt) không khởi động với khóa "
        "mặc định. Đặt biến môi trường SECRET_KEY (chuỗi ngẫu nhiên dài) hoặc DEBUG=1 khi phát "
        "triển."
    )

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG or TESTING else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    "csp",
    "axes",
    "auditlog",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "danvan.core",
    "danvan.accounts",
    "danvan.access",
    "danvan.org",
    "danvan.people",
    "danvan.audit",
    "danvan.backup",
    "danvan.reporting",
    "danvan.documents",
    "danvan.meetings",
    "danvan.tasks",
    "danvan.drafting",
    "danvan.notifications",
    "danvan.portal",
    "danvan.awards",
    "danvan.api",
    "danvan.demo",
    "danvan.emulation",
    "danvan.petitions",
    "danvan.religion",  # religion
    "danvan.welfare",  # welfare
    "danvan.textimport",  # text import (issue 17)
    "danvan.supervision",  # supervision
    "danvan.democracy",  # democracy
    # The public portal's CMS (issue 6): pages, images, revisions, moderation, search.
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above the portal cache: cached pages get the header too (danvan/core/csp.py).
    "danvan.core.csp.PolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL in the query string or a form: 400 naming the field, before any view or cache.
    "danvan.core.errors.RefuseNulMiddleware",
    # Above everything that reads: a browser that just wrote reads from the primary.
    "danvan.core.dbrouter.ReadYourWritesMiddleware",
    # Serves anonymous portal pages from the cache before sessions, locale and auth run.
    "danvan.portal.cache.PortalCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "danvan.core.middleware.VietnameseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "danvan.portal.cms_access.CmsAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "danvan.accounts.middleware.TemporaryPasswordMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Axes last, as its documentation asks, so it sees the final response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "danvan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "danvan.core.context_processors.navigation",
                "danvan.notifications.context_processors.counts",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    }
]

# --- database -------------------------------------------------------------------------
# SQLite (WAL) is the embedded default: `make run` needs no server. PostgreSQL in
# production through DATABASE_URL=postgres://user:pass@host:5432/name.
_sqlite_path = VAR_DIR / "danvan.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{_sqlite_path}",
        # Tests open connections from live-server threads; pooled ones would outlive them.
        conn_max_age=0 if TESTING else env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: it compiles any statement the planner costs above jit_above_cost, 70-300 ms
    # each, to save a few milliseconds of run time; the portal's reads are all short
    # (bench/portal.py: a search 80 ms instead of 5, an article page 335 ms instead of 25).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

# Read replicas (PostgreSQL streaming replication): DATABASE_REPLICA_URLS=postgres://…,
# postgres://… become the aliases replica1, replica2…; the dashboard, the analytics API
# and the public portal read from one of them, everything else from default
# (danvan/core/dbrouter.py). A browser that just wrote reads from default for
# DATABASE_REPLICA_PIN_SECONDS.
_replica_urls = env_list("DATABASE_REPLICA_URLS", [])
for _number, _url in enumerate(_replica_urls, start=1):
    DATABASES[f"replica{_number}"] = {
        **dj_database_url.parse(_url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"]),
        "OPTIONS": {"options": "-c jit=off"},
        "TEST": {"MIRROR": "default"},
    }
DATABASE_REPLICAS = [f"replica{n}" for n in range(1, len(_replica_urls) + 1)]
if TESTING and not _replica_urls:
    # A second alias for the router's tests (tests/core/test_dbrouter.py), which turn the
    # router on with override_settings(DATABASE_REPLICAS=["replica1"]); off otherwise.
    DATABASES["replica1"] = {**copy.deepcopy(DATABASES["default"]), "TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = ["danvan.core.dbrouter.ReplicaRouter"]
DATABASE_REPLICA_PIN_SECONDS = env_int("DATABASE_REPLICA_PIN_SECONDS", 5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache ----------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- auth -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "danvan.accounts.backends.DemoAwareBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# "Quên mật khẩu?": reset requests per address and per client IP in an hour (more are
# answered the same way and send nothing); a reset link lasts PASSWORD_RESET_TIMEOUT.
PASSWORD_RESET_PER_HOUR = env_int("PASSWORD_RESET_PER_HOUR", 5)
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_HOURS", 24) * 3600

# --- e-mail (password reset) -------------------------------------------------------------
# With DEBUG the mail is printed on the console; otherwise sent through the SMTP server
# EMAIL_HOST (default localhost).
EMAIL_HOST = env_str("EMAIL_HOST") or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=EMAIL_PORT == 465)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "danvan <khong-tra-loi@localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = env_str("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)

# django-axes: lock a username+address pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- HTTPS -------------------------------------------------------------------------------
# Production (DEBUG off) defaults to HTTPS only: plain HTTP is redirected, browsers are told
# to use HTTPS for a year (HSTS, subdomains included), cookies travel only over HTTPS.
# Development and tests default to none of it.
_PRODUCTION = not DEBUG and not TESTING
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=_PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=_PRODUCTION)
# A load balancer's health check may come over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if _PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading is for the domain's owner to decide (a submission to hstspreload.org is slow
# to undo), so it stays off unless asked, and Django's reminder about it is silenced.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "same-origin"
# Behind a reverse proxy that terminates TLS, the header it sets to "https" on secure
# requests (e.g. X-Forwarded-Proto). Unset: the request's own scheme, since trusting a
# header the proxy does not overwrite would let any client claim HTTPS.
_proxy_ssl_header = env_str("SECURE_PROXY_SSL_HEADER")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https") if _proxy_ssl_header else None
)

# --- Content-Security-Policy (django-csp 4) ----------------------------------------------
# No inline script anywhere, no inline style outside the CMS: scripts and styles are files
# under /static/. Images may be data: URIs (Chart.js export, Wagtail's previews); nothing is
# loaded from another site. CSP_REPORT_URI sends violations to a collector when set.
_CSP_BASE = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "media-src": [SELF],
    "object-src": [NONE],
    "frame-src": [SELF],
    "frame-ancestors": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
}
if env_str("CSP_REPORT_URI"):
    _CSP_BASE["report-uri"] = [env_str("CSP_REPORT_URI")]
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_BASE}
# Wagtail's admin (/cms/, staff only): the few inline <script> blocks Wagtail 8 writes
# (date widgets, inline panels, choosers) carry the request's nonce (danvan/core/csp.py),
# so script runs from files and nonce-signed blocks only, never 'unsafe-inline'. Wagtail
# still writes style= attributes, so inline style stays allowed there; everything else
# stays closed (nothing from another site, no plugins, forms and <base> to this site
# only). Its page preview frames its own origin; an image being uploaded is previewed
# from a blob: address.
CSP_CMS_PREFIX = "/cms/"
CSP_CMS_DIRECTIVES = {
    **_CSP_BASE,
    "script-src": [SELF, NONCE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-ancestors": [SELF],
}

# --- language, time, numbers ----------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "danvan" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["danvan.formats"]

# --- static and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "danvan" / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
if TESTING and not env_str("MEDIA_ROOT"):
    # Tests (and the demo they load) write uploads and generated pictures; keep them out
    # of the developer's var/media.
    import atexit
    import shutil
    import tempfile

    MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="danvan-test-media-"))
    atexit.register(shutil.rmtree, MEDIA_ROOT, True)
# Separation of duties in reporting: whoever submitted a report or entered any of its
# figures may not approve it; another approver of the unit above must.
REPORT_APPROVER_MUST_DIFFER = env_bool("REPORT_APPROVER_MUST_DIFFER", default=True)
# Reminders (manage.py send_reminders): how many days before the due date a report or a
# task is reminded, once a day (then once more the day after it, when overdue).
NOTIFY_LEAD_DAYS = {
    "report_due": env_int("NOTIFY_REPORT_LEAD_DAYS", 3),
    "task_due": env_int("NOTIFY_TASK_LEAD_DAYS", 3),
}
# Largest file accepted in the document register and as task evidence.
UPLOAD_MAX_MB = env_int("UPLOAD_MAX_MB", 20)
# --- hostile files (issue 11) -----------------------------------------------------------
# Every ZIP-based upload (DOCX, XLSX, ODT, drafting templates) is checked from its ZIP
# directory before any parser opens it (danvan.core.uploads): total uncompressed size,
# member count, compression ratio of each member and of the whole file; macro-enabled
# files are refused. An XLSX import stops after XLSX_MAX_CELLS cells. The text of a
# register file is read in a child process limited to UPLOAD_EXTRACT_MAX_MEMORY_MB of
# address space and UPLOAD_EXTRACT_TIMEOUT seconds; past either, the entry is kept
# without searchable text.
UPLOAD_ZIP_MAX_UNCOMPRESSED_MB = env_int("UPLOAD_ZIP_MAX_UNCOMPRESSED_MB", 100)
UPLOAD_ZIP_MAX_MEMBERS = env_int("UPLOAD_ZIP_MAX_MEMBERS", 2000)
UPLOAD_ZIP_MAX_RATIO = env_int("UPLOAD_ZIP_MAX_RATIO", 100)
XLSX_MAX_CELLS = env_int("XLSX_MAX_CELLS", 200_000)
UPLOAD_EXTRACT_MAX_MEMORY_MB = env_int("UPLOAD_EXTRACT_MAX_MEMORY_MB", 1024)
UPLOAD_EXTRACT_TIMEOUT = env_int("UPLOAD_EXTRACT_TIMEOUT", 20)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# --- audit ----------------------------------------------------------------------------
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False
# Read the "before" row through the base manager: the default managers hide soft-deleted
# rows, and a restore would otherwise be logged as if it had no previous state.
AUDITLOG_USE_BASE_MANAGER = True

# --- background work (django-tasks) ------------------------------------------------------
# Long work (compiling a large subtree's documents) is queued in the database and run by
# `manage.py db_worker` (as many workers as needed, on any machine). Tests run it inline.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TESTING
        else env_str("TASKS_BACKEND") or "django_tasks_db.DatabaseBackend",
    }
}

# --- public portal (Wagtail) -----------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("PORTAL_SITE_NAME") or "Cổng thông tin công tác dân vận"
WAGTAILADMIN_BASE_URL = env_str("PORTAL_BASE_URL") or "http://127.0.0.1:8000"
WAGTAIL_I18N_ENABLED = False
# Staff log in once, at /tai-khoan/dang-nhap/: the CMS sends anonymous visitors there.
WAGTAILADMIN_LOGIN_URL = "accounts:login"
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The editor's slug suggestion keeps Vietnamese letters; CacheablePage.full_clean folds
# them to ASCII ("phuong-dinh-cong"): Wagtail's ASCII mode drops them ("phng-djnh-cong").
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# No avatars from gravatar.com: offices may be offline, and nothing in the CMS is loaded
# from another site (CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_MAX_UPLOAD_SIZE = UPLOAD_MAX_MB * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "xls"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = UPLOAD_MAX_MB * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Search indexes a folded copy of the text (marks stripped, đ→d) and folds the query the
# same way, so the engine's own language handling must not get in the way: SQLite FTS5
# tokenises plain ASCII, PostgreSQL uses the "simple" configuration (no stemming).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}
# Anonymous portal pages are served from the cache for this many seconds (0 turns it off);
# publishing, unpublishing and approving a comment empty it at once.
PORTAL_CACHE_SECONDS = env_int("PORTAL_CACHE_SECONDS", 0 if TESTING else 300)
# Reader comments: at most this many per address per hour.
PORTAL_COMMENTS_PER_HOUR = env_int("PORTAL_COMMENTS_PER_HOUR", 5)
# View counts are buffered in each process and written at most every this many seconds.
PORTAL_COUNTER_FLUSH_SECONDS = env_int("PORTAL_COUNTER_FLUSH_SECONDS", 5)
# A beacon counts a view (and a visit) once per address and page in this many minutes (0:
# every page load counts); reloading does not inflate "Lượt xem".
PORTAL_VIEW_DEDUP_MINUTES = env_int("PORTAL_VIEW_DEDUP_MINUTES", 30)
# "Đang truy cập": visitors seen in the last this many minutes.
PORTAL_ONLINE_MINUTES = env_int("PORTAL_ONLINE_MINUTES", 5)
# The weather box: fetched again in the background when older than this; request timeout.
PORTAL_WEATHER_REFRESH_MINUTES = env_int("PORTAL_WEATHER_REFRESH_MINUTES", 30)
PORTAL_WEATHER_TIMEOUT_SECONDS = env_int("PORTAL_WEATHER_TIMEOUT_SECONDS", 5)

# --- API ------------------------------------------------------------------------------
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 1000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "INFO"},
    "loggers": {"axes": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}},
}
