"""Settings for Safer Cities Hub: one module, driven by environment variables.

SAFERCITIES_ENV selects the profile: ``development`` (default; the demo), ``test``
(pytest sets it) or ``production`` (secure defaults; SECRET_KEY required).
Every variable is documented in README.md → Configuration.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from safercities.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

PROFILE = env_str("SAFERCITIES_ENV", "development")
if PROFILE not in {"development", "test", "production"}:
    raise ImproperlyConfigured("SAFERCITIES_ENV must be development, test or production")
PRODUCTION = PROFILE == "production"
TESTING = PROFILE == "test"

DEBUG = env_bool("DEBUG", default=False)
DEVELOPMENT_SECRET_KEY = "insecure-development-key-" + "x" * 40  # noqa: S105 - never in production
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY and env_str("SECRET_KEY_FILE"):
    # `make serve` keeps a generated key in var/secret-key (mode 600) for a single office.
    SECRET_KEY = Path(env_str("SECRET_KEY_FILE")).read_text().strip()
if PRODUCTION:
    from safercities.core.secrets import secret_key_problem

    _problem = secret_key_problem(SECRET_KEY, known_weak={DEVELOPMENT_SECRET_KEY})
    if _problem:
        raise ImproperlyConfigured(_problem)
elif not SECRET_KEY:
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "safercities.core",
    "safercities.places",
    "safercities.taxonomy",
    "safercities.accounts",
    "safercities.search",
    "safercities.notifications",
    "safercities.library",
    "safercities.training",
    "safercities.practices",
    "safercities.toolkit",
    "safercities.diagnosis",
    "safercities.pilots",
    "safercities.network",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "django_htmx",
    "template_partials",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "safercities.core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compress HTML, JSON, XML in the app (Django's gzip with its BREACH mitigation), so pages
    # are small even without a proxy; a proxy in front leaves compressed answers alone.
    # Below WhiteNoise, which serves static files pre-compressed (gzip and Brotli) itself.
    *(
        ["safercities.core.middleware.TextGZipMiddleware"]
        if env_bool("COMPRESS_HTML", True)
        else []
    ),
    "django.contrib.sessions.middleware.SessionMiddleware",
    "safercities.core.middleware.UserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "safercities.core.middleware.RefuseNulMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "safercities.core.middleware.HtmxVaryMiddleware",
    "safercities.core.privacy.TeamOnlyCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "safercities.core.middleware.StorageFullMiddleware",
]

ROOT_URLCONF = "safercities.urls"
WSGI_APPLICATION = "safercities.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "safercities.core.context_processors.site",
            ],
            "builtins": ["django.templatetags.i18n", "django.templatetags.static"],
        },
    }
]

# --- Database: SQLite by default, PostgreSQL through DATABASE_URL ---------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'safercities.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile_edit"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Safer Cities Hub] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_ADAPTER = "safercities.accounts.adapter.AccountAdapter"
# Behind a reverse proxy, the client's address for rate limits comes from X-Forwarded-For:
# set TRUSTED_PROXY_COUNT to the number of proxies in front of the Hub (0 = none).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ACCOUNT_RATE_LIMITS = {
    # Failed logins are limited per source (10 a minute) and per source + account (5 in 5
    # minutes; the adapter adds the source to allauth's key), so wrong passwords typed
    # elsewhere never lock the owner out. A password reset clears the owner's counter.
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}

# --- Internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "en"
# English dates as the region writes them (2 December 2026), not US style
FORMAT_MODULE_PATH = ["safercities.formats"]
LANGUAGES = [
    ("en", "English"),
    ("th", "ไทย"),
    ("id", "Bahasa Indonesia"),
    ("vi", "Tiếng Việt"),
    ("km", "ខ្មែរ"),
    ("zh-hans", "简体中文"),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "safercities_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env_str("TIME_ZONE", "Asia/Bangkok")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Survey photos and other team-only files: served only through permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {
        "BACKEND": env_str("DEFAULT_STORAGE", "safercities.core.storage.FileSystemStorage")
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Object storage (S3-compatible: AWS S3, MinIO, Ceph, Wasabi…) for uploaded and private files,
# so web processes on several machines share nothing but the database and the bucket.
S3_BUCKET = env_str("S3_BUCKET")
S3_SIGNED_URL_SECONDS = env_int("S3_SIGNED_URL_SECONDS", 300)
if S3_BUCKET:
    _s3 = {
        "bucket_name": S3_BUCKET,
        "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
        "region_name": env_str("S3_REGION") or None,
        "access_key": env_str("S3_ACCESS_KEY_ID") or None,
        "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
        "default_acl": None,  # the bucket stays private; files are reached through signed URLs
        "file_overwrite": False,
        "querystring_auth": True,
        "querystring_expire": S3_SIGNED_URL_SECONDS,
        "addressing_style": env_str("S3_ADDRESSING_STYLE", "path"),
        "signature_version": "s3v4",
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_s3, "location": "media", "querystring_expire": 3600},
    }
    # Survey photos and import files: only through permission-checked views, which answer
    # with a URL signed for S3_SIGNED_URL_SECONDS (5 minutes).
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": env_str("S3_PRIVATE_BUCKET", S3_BUCKET),
            "location": "private",
        },
    }
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365
# Survey and audit photos: larger uploads are refused with a form error (see core/uploads.py).
SURVEY_PHOTO_MAX_BYTES = env_int("SURVEY_PHOTO_MAX_BYTES", 10 * 1024 * 1024)
# Audio recordings imported with field data: larger files are listed as refused.
SURVEY_AUDIO_MAX_BYTES = env_int("SURVEY_AUDIO_MAX_BYTES", 20 * 1024 * 1024)

# --- Direct sync with KoboToolbox / ODK Central (see docs/field-data.md) ---------------------
# Credentials are encrypted with this Fernet key, or one derived from SECRET_KEY when empty;
# old keys (and SECRET_KEY_FALLBACKS) still decrypt until `sync_field_data --rotate-keys`.
SYNC_CREDENTIALS_KEY = env_str("SYNC_CREDENTIALS_KEY")
SYNC_CREDENTIALS_OLD_KEYS = env_list("SYNC_CREDENTIALS_OLD_KEYS")
# When set, only these servers (and their subdomains) may be connected.
SYNC_ALLOWED_HOSTS = env_list("SYNC_ALLOWED_HOSTS")
SYNC_ALLOW_HTTP = PROFILE != "production" and env_bool("SYNC_ALLOW_HTTP", default=False)
SYNC_TIMEOUT = env_int("SYNC_TIMEOUT", 30)
SYNC_INTERVAL_MINUTES = env_int("SYNC_INTERVAL_MINUTES", 60)

# --- Mail ------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Safer Cities Hub <noreply@safercities.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Cache (rate limits) and background tasks ------------------------------------------------
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        if TESTING
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache"}
    )
}
# Visitors share a city page's feature sections for this long (0: always fresh; tests).
CITY_SECTIONS_CACHE_SECONDS = 0 if TESTING else env_int("CITY_SECTIONS_CACHE_SECONDS", 60)
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING or env_bool("TASKS_IMMEDIATE", default=False)
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# --- Security headers ------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# --- Maps: Leaflet with a configurable tile server (the Hub bundles no tiles) ---------------
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")
_tile_origin = "/".join(MAP_TILE_URL.split("/")[:3]) if "://" in MAP_TILE_URL else ""

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": [
            "'self'",
            "data:",
            *([_tile_origin] if _tile_origin else []),
            *env_list("CSP_IMG_SRC"),
        ],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Task workers (safercities.core.worker): heartbeat, lease after which a silent worker's task
# goes back to the queue, and how many lost workers a task survives before it is failed.
TASK_HEARTBEAT_SECONDS = env_int("TASK_HEARTBEAT_SECONDS", 10)
TASK_LEASE_SECONDS = env_int("TASK_LEASE_SECONDS", 60)
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 3)
# Readiness (/readyz) and `manage.py doctor` warn when the oldest waiting task is older.
TASK_BACKLOG_WARN_SECONDS = env_int("TASK_BACKLOG_WARN_SECONDS", 300)

# --- Logging: one JSON object a line on stderr (LOG_FORMAT=text for a terminal) -------------
LOG_FORMAT = env_str("LOG_FORMAT", "json" if PRODUCTION else "text")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured("LOG_FORMAT must be json or text")
_access_level = "WARNING" if TESTING else "INFO"  # quiet test runs
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "safercities.core.logs.ContextFilter"}},
    "formatters": {
        "json": {"()": "safercities.core.logs.JsonFormatter"},
        "text": {"()": "safercities.core.logs.TextFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["context"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        # One line per request and per task (INFO) unless LOG_LEVEL asks for less.
        "safercities.access": {"level": env_str("ACCESS_LOG_LEVEL", _access_level)},
        "safercities.tasks": {"level": env_str("ACCESS_LOG_LEVEL", _access_level)},
        "safercities.worker": {"level": "INFO"},
    },
}

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    WHITENOISE_AUTOREFRESH = True
    WHITENOISE_USE_FINDERS = True
