"""Settings for Grønn Praksis, read from the environment.

Every setting that differs between a developer's machine and production comes from an
environment variable, parsed strictly: a malformed value stops the process at start-up
instead of being silently ignored. See docs/configuration.md for the full list.
"""

import os
import re
from email.utils import parseaddr
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def cache_from_url(name: str, value: str) -> dict[str, Any]:
    """The `default` cache for the URL in the variable `name`: empty means this process's own memory
    (LocMemCache), `redis://`, `rediss://` (TLS) or `unix://` a Redis server shared by every process
    (Django's RedisCache). Anything else stops the process."""
    if not value:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    try:
        url = urlsplit(value)
        has_host = bool(url.hostname)
        url.port  # noqa: B018  (raises ValueError on a port that is not a number)
    except ValueError:
        raise ImproperlyConfigured(f"{name} is not a valid URL: {value!r}") from None
    if (url.scheme in {"redis", "rediss"} and has_host) or (url.scheme == "unix" and url.path):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": value,
            "KEY_PREFIX": "gronnpraksis",
        }
    raise ImproperlyConfigured(
        f"{name} must be empty (in-process cache) or a redis://host:port/db, rediss://… or unix://… URL, "
        f"not {value!r}"
    )


DEBUG = env_bool("DEBUG", False)
# Tests and local development run with DEBUG off by default; the Makefile's `run` target
# sets DEBUG=true. Production is any process where DEBUG is off and TESTING is not set.
TESTING = env_bool("TESTING", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-development-key-never-use-in-production-0123456789"  # noqa: S105
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
# Networks' own host names (`editions.Network.host`): allowed, and the only hosts looked up as a network's
# (a request on one gets the network's page at / and its look; docs/deploy.md, "Networks' host names").
NETWORK_HOSTS = [host.lower() for host in env_list("NETWORK_HOSTS")]
ALLOWED_HOSTS += NETWORK_HOSTS
if DEBUG or TESTING:
    ALLOWED_HOSTS += ["127.0.0.1", "localhost", "testserver"]
elif not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A form on a shared public page has no token until it is used; without JavaScript, a post from this
# site that lacks only the token gets a page to confirm it with a token (core.views.csrf_failure).
CSRF_FAILURE_VIEW = "gronnpraksis.core.views.csrf_failure"
# How long nginx may serve a public page to visitors without a session before asking the app again
# (docs/deploy.md, "The page cache"): the longest a publication, edit or moderation decision waits.
PUBLIC_PAGE_MAX_AGE = env_int("PUBLIC_PAGE_MAX_AGE", 30)

# The address people use to reach the site; used for links in e-mails and calendar files.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "gronnpraksis.accounts.admin_apps.OrganiserAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "gronnpraksis.core",
    "gronnpraksis.accounts",
    "gronnpraksis.places",
    "gronnpraksis.organisations",
    "gronnpraksis.editions",
    "gronnpraksis.mail",
    "gronnpraksis.registrations",
    "gronnpraksis.contributions",
    "gronnpraksis.examples",
    "gronnpraksis.ideas",
    "gronnpraksis.reviews",
    "gronnpraksis.awards",
    "gronnpraksis.program",
    "gronnpraksis.audience",
    "gronnpraksis.arena",
    "gronnpraksis.billing",
    "gronnpraksis.surveys",
    "gronnpraksis.privacy",
    "gronnpraksis.backoffice",
    "gronnpraksis.mypage",
    "gronnpraksis.demo",
]

MIDDLEWARE = [
    # Outermost: sees the response after every other middleware (a cookie set on the way out keeps a
    # public page private). core/http.py, "Public pages a shared cache may keep".
    "gronnpraksis.core.http.PublicPageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "gronnpraksis.accounts.middleware.OrganiserSessionMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "gronnpraksis.urls"
WSGI_APPLICATION = "gronnpraksis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gronnpraksis" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gronnpraksis.core.context_processors.site",
                "gronnpraksis.core.context_processors.csrf_on_use",
                "gronnpraksis.editions.context_processors.current_edition",
                "gronnpraksis.editions.context_processors.network_look",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
# SQLite by default (WAL, IMMEDIATE transactions, a busy timeout, reads through a memory map, connections
# kept between requests like PostgreSQL's: opening one and its PRAGMAs cost half a small page's time);
# PostgreSQL with DB=postgres.
DB_ENGINE = os.environ.get("DB", "sqlite")
DATABASES: dict[str, dict[str, Any]]
if DB_ENGINE == "sqlite":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("DB_NAME", str(BASE_DIR / "var" / "gronnpraksis.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": env_int("DB_BUSY_TIMEOUT", 20),
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    f"PRAGMA mmap_size={env_int('DB_MMAP_MB', 256) * 2**20};"
                ),
            },
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
            "TEST": {"NAME": os.environ.get("DB_TEST_NAME") or None},
        }
    }
elif DB_ENGINE == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ.get("DB_NAME", "gronnpraksis"),
            "USER": os.environ.get("DB_USER", ""),
            "PASSWORD": os.environ.get("DB_PASSWORD", ""),
            "HOST": os.environ.get("DB_HOST", ""),
            "PORT": os.environ.get("DB_PORT", ""),
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
        }
    }
else:
    raise ImproperlyConfigured(f"DB must be 'sqlite' or 'postgres', not {DB_ENGINE!r}")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_request_login_code"
LOGIN_REDIRECT_URL = "mypage:my_page"
ACCOUNT_ADAPTER = "gronnpraksis.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_FORMS = {"request_login_code": "gronnpraksis.accounts.forms.OpenLoginCodeForm"}
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 15 * 60
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Grønn Praksis] "
# allauth's own limits (in the default cache); ours for code requests (below) come on top, per hour.
ACCOUNT_RATE_LIMITS: dict[str, str] | bool = (
    False if TESTING else {"login_failed": "10/m/ip,5/5m/key", "request_login_code": "20/m/ip,3/m/key"}
)
# Organisers (staff, or anyone who logged in with an authenticator app) are logged out after this
# long without a request, and this long after logging in; everyone else keeps SESSION_COOKIE_AGE.
ORGANISER_SESSION_IDLE_SECONDS = env_int("ORGANISER_SESSION_IDLE_SECONDS", 2 * 60 * 60)
ORGANISER_SESSION_MAX_AGE_SECONDS = env_int("ORGANISER_SESSION_MAX_AGE_SECONDS", 12 * 60 * 60)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 14 * 24 * 60 * 60)
# How many proxies (nginx, a load balancer) append to X-Forwarded-For in front of the app. Behind nginx this
# must be 1, or every visitor has nginx's address and shares one rate limit per IP.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Grønn Praksis"

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "gronnpraksis" / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [
    BASE_DIR / "gronnpraksis" / "static",
    ("designsystemet", BASE_DIR / "node_modules" / "@digdir" / "designsystemet-css" / "dist"),
    # The typeface Inter, bundled from npm (@fontsource/inter) and served as our own files; see
    # scripts/build_theme.py, which writes the @font-face rules into css/theme.css.
    ("fonts/inter", BASE_DIR / "node_modules" / "@fontsource" / "inter" / "files"),
    # The check-in page's QR reader (`arena`), bundled from npm (jsqr) and served as our own file.
    ("jsqr", BASE_DIR / "node_modules" / "jsqr" / "dist"),
    # The planner's drag and drop (`program`), bundled from npm (sortablejs) and served as our own file.
    ("sortablejs", BASE_DIR / "node_modules" / "sortablejs"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"

# --- Mail -----------------------------------------------------------------------------------
# Nothing is sent from a request: every mail is an outbox row; `manage.py worker` sends.
MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "file" if DEBUG else "smtp")
if MAIL_BACKEND == "file":
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": os.environ.get("MAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))},
        }
    }
elif MAIL_BACKEND == "console":
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
elif MAIL_BACKEND == "smtp":
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("MAIL_HOST", "localhost"),
                "port": env_int("MAIL_PORT", 25),
                "username": os.environ.get("MAIL_USER", ""),
                "password": os.environ.get("MAIL_PASSWORD", ""),
                "use_tls": env_bool("MAIL_USE_TLS", False),
                "timeout": env_int("MAIL_TIMEOUT", 20),
            },
        }
    }
else:
    raise ImproperlyConfigured(f"MAIL_BACKEND must be 'file', 'console' or 'smtp', not {MAIL_BACKEND!r}")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Grønn Praksis <post@gronnpraksis.no>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where visitors write (the accessibility statement's feedback address): the sender's address unless set.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "") or parseaddr(DEFAULT_FROM_EMAIL)[1]
# The accessibility statement as published on uustatus.no (its feedback form); shown when set.
ACCESSIBILITY_STATEMENT_URL = os.environ.get("ACCESSIBILITY_STATEMENT_URL", "")
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 8)
# Sent mails that carried a login code or a personal link are deleted after this many hours (their
# text is already removed when sent); the mail worker checks every MAIL_PURGE_INTERVAL_SECONDS.
MAIL_SECRET_RETENTION_HOURS = env_int("MAIL_SECRET_RETENTION_HOURS", 24)
MAIL_PURGE_INTERVAL_SECONDS = env_int("MAIL_PURGE_INTERVAL_SECONDS", 15 * 60)

# --- Retention ------------------------------------------------------------------------------
# The periods the privacy statement (/personvern/) names; the daily jobs in `privacy.jobs` use the
# same values, and the statement is rendered from them, so the two cannot drift apart.
HEALTH_DATA_RETENTION_DAYS = env_int("HEALTH_DATA_RETENTION_DAYS", 1)  # after the edition's last day
REGISTRATION_RETENTION_YEARS = env_int("REGISTRATION_RETENTION_YEARS", 3)  # after the edition's last day
OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", 30)  # after a mail was sent
# A worker's claim on an outbox row; after it, a row whose worker died is sent by another.
MAIL_LEASE_SECONDS = env_int("MAIL_LEASE_SECONDS", 300)
if MAIL_BACKEND == "smtp" and env_int("MAIL_TIMEOUT", 20) >= MAIL_LEASE_SECONDS:
    raise ImproperlyConfigured("MAIL_LEASE_SECONDS must be longer than MAIL_TIMEOUT")

# Partner programme feeds are fetched from public addresses only, unless this is on (development).
PARTNER_FEEDS_ALLOW_PRIVATE_HOSTS = env_bool("PARTNER_FEEDS_ALLOW_PRIVATE_HOSTS", DEBUG)

# --- Caches and rate limits -----------------------------------------------------------------
# Rate limits (allauth's and the platform's), cached pages and exports use the caches. CACHE_URL (a
# redis://, rediss:// or unix:// URL) points both at a Redis server that every app process shares, which
# production with several processes needs. Without it, CACHE_BACKEND=locmem (the default, `make run`)
# keeps a cache in each process, and CACHE_BACKEND=database one table that every process shares (create
# it with `manage.py createcachetable`). Rate limits use their own alias, so that pages in the cache
# cannot push counts out; they hold across processes only when shared.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHE_BACKEND = "redis" if CACHE_URL else os.environ.get("CACHE_BACKEND", "locmem")
if CACHE_URL:
    _redis_cache = cache_from_url("CACHE_URL", CACHE_URL)
    CACHES: dict[str, dict[str, Any]] = {
        "default": _redis_cache,
        "ratelimits": {**_redis_cache, "KEY_PREFIX": "gronnpraksis-ratelimits"},
    }
elif CACHE_BACKEND == "locmem":
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
        "ratelimits": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ratelimits",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }
elif CACHE_BACKEND == "database":
    _shared_cache = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "gronnpraksis_cache",
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 100_000)},
    }
    CACHES = {"default": _shared_cache, "ratelimits": {**_shared_cache, "KEY_PREFIX": "ratelimits"}}
else:
    raise ImproperlyConfigured(f"CACHE_BACKEND must be 'locmem' or 'database', not {CACHE_BACKEND!r}")

# Per purpose: "count/period/scope" rules, comma-separated (period s, m, h, d, optionally with a
# number: 15m); scope "ip" (the client address) or "email" (the address typed in, or the account's).
# "off" turns a purpose off. Each can be set with RATE_LIMIT_<PURPOSE>, e.g. RATE_LIMIT_COMMENT.
RATE_LIMIT_DEFAULTS = {
    "registration": "5/m/ip,30/h/ip,100/d/ip,3/h/email",
    "contribution": "5/m/ip,20/h/ip,5/h/email",
    "comment": "5/m/ip,60/h/ip,5/m/email,30/h/email",
    "help_offer": "5/m/ip,30/h/ip,10/h/email",
    "contact": "5/m/ip,30/h/ip,5/h/email",
    "share": "5/m/ip,20/h/ip,10/h/email",
    "nomination": "5/m/ip,30/h/ip,10/h/email",
    "login_code": "10/m/ip,60/h/ip,10/h/email",
}
_RATE_RULE = r"\d+/\d*[smhd]/(ip|email)"
RATE_LIMITS = {}
for _purpose, _default in RATE_LIMIT_DEFAULTS.items():
    _name = f"RATE_LIMIT_{_purpose.upper()}"
    _value = os.environ.get(_name, "").strip() or _default
    if _value != "off" and not re.fullmatch(rf"{_RATE_RULE}(,{_RATE_RULE})*", _value.replace(" ", "")):
        raise ImproperlyConfigured(f"{_name} must be rules like 10/h/ip,3/15m/email or off, not {_value!r}")
    RATE_LIMITS[_purpose] = _value
# Off by default in tests only (they submit the same forms many times from 127.0.0.1).
RATE_LIMITS_ENABLED = env_bool("RATE_LIMITS_ENABLED", not TESTING)
RATE_LIMIT_CACHE = os.environ.get("RATE_LIMIT_CACHE", "ratelimits")

# --- Security -------------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    # The edition film is embedded only after the visitor asks for it.
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# --- Error reporting ------------------------------------------------------------------------
# Optional: with SENTRY_DSN set and sentry-sdk installed (`pip install 'gronnpraksis[sentry]'`), errors go to
# Sentry. No personal data is sent (no user, request bodies, local variables or query parameters):
# participants' registrations hold health data.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    _traces = os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "") or "0"
    try:
        SENTRY_TRACES_SAMPLE_RATE = float(_traces)
    except ValueError:
        raise ImproperlyConfigured(f"SENTRY_TRACES_SAMPLE_RATE must be a number, not {_traces!r}") from None
    if not 0 <= SENTRY_TRACES_SAMPLE_RATE <= 1:
        raise ImproperlyConfigured(f"SENTRY_TRACES_SAMPLE_RATE must be between 0 and 1, not {_traces!r}")
    try:
        import sentry_sdk
    except ImportError:
        import sys

        sys.stderr.write("SENTRY_DSN is set but sentry-sdk is not installed: errors are not reported.\n")
    else:
        sentry_sdk.init(
            dsn=SENTRY_DSN,
            environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
            traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
            max_request_body_size="never",
            data_collection={
                "user_info": False,
                "http_bodies": [],
                "stack_frame_variables": False,
                "database_query_data": False,
            },
        )

# "Foreslå program", the programme builder (docs/builder.md, "In the planner"). The weights of the score's
# parts; the show-up factor turns stars into an expected audience; a proposal's search runs
# PROGRAM_BUILDER_ITERATIONS_PER_SECOND × its time budget moves (at most PROGRAM_BUILDER_ITERATIONS_PER_SESSION
# per item), so the same seed gives the same plan; the time budget itself is only a safety net.
PROGRAM_BUILDER_WEIGHTS = {"clash": 1, "overflow": 1, "scatter": 20, "move": 5, "unplaced": 100_000}
PROGRAM_BUILDER_SHOW_UP = 0.8
PROGRAM_BUILDER_SLOT_MINUTES = 45
PROGRAM_BUILDER_ITERATIONS_PER_SECOND = 20_000
PROGRAM_BUILDER_ITERATIONS_PER_SESSION = 1_000
