"""Repattern settings, read from the environment. See `.env.example` for every variable."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("REPATTERN_VAR_DIR", "var")).resolve()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use true or false.")


def env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name, "").strip()
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a whole number: write digits only, e.g. {name}={default}."
        ) from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is too small: use {minimum} or more.")
    return value


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def secret_key() -> str:
    # A fresh install needs no set-up, so the key is made once and kept under var/.
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    key_file = VAR_DIR / "secret-key"
    if key_file.exists():
        return key_file.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def database() -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{VAR_DIR / 'repattern.sqlite3'}"
    try:
        config: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        )
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database address: {error}") from error
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        # WAL lets readers go on while one writer writes; IMMEDIATE avoids lock upgrades failing.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config


def shared_cache(redis_url: str) -> dict[str, Any]:
    """A cache every app process shares: Redis when there is one, else a table in the database."""
    if not redis_url:
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "repattern_shared_cache",
        }
    if not redis_url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"REDIS_URL={redis_url!r} is not a Redis address: use redis://HOST:6379/0."
        )
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "django_ratelimit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "repattern.accounts",
    "repattern.audit",
    "repattern.clients",
    "repattern.treatment",
    "repattern.atlas",
    "repattern.programs",
    "repattern.outbox",
    "repattern.portal",
    "repattern.reminders",
    "repattern.outcomes",
    "repattern.evidence",
    "repattern.profession",
    "huey.contrib.djhuey",
    "repattern.ui",
    "repattern.backups",
    "repattern.research",
    "repattern.readings",
    "ninja",
    "repattern.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "repattern.middleware.RefuseNulCharacters",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "repattern.accounts.session_lifetime.session_lifetime_middleware",
    "repattern.accounts.two_factor.two_factor_required_middleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "repattern.middleware.NoStore",
    # Last, so that it sees what the sign-in views made of a locked attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "repattern.urls"
WSGI_APPLICATION = "repattern.wsgi.application"

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
                "repattern.accounts.context.clinics",
                "repattern.ui.context.section",
            ],
        },
    },
]

DATABASES = {"default": database()}
# "default" stays in each process's memory: the session screen reads it on every tap, and what
# it keeps may go stale per process. "shared" holds counts that every process must agree on.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": shared_cache(REDIS_URL),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in locks, kept by django-axes (repattern/accounts/lockout.py says why these two limits).
# A username locks after LOGIN_FAILURE_LIMIT failures from any address; one client address locks
# after LOGIN_ADDRESS_FAILURE_LIMIT failures across all usernames. Each lock lasts the window.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 100, minimum=1)
LOGIN_FAILURE_WINDOW_MINUTES = env_int("LOGIN_FAILURE_WINDOW_MINUTES", 15, minimum=1)
# How many proxies of ours stand between the client and Repattern; 0 trusts REMOTE_ADDR alone.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)


def client_address_source(trusted_proxies: int) -> tuple[tuple[str, ...], int | None]:
    """Where django-ipware finds the client's address: the headers to read, and its proxy count.

    Each proxy appends the address that called it to X-Forwarded-For, so behind N proxies of
    ours the client is the N-th entry from the right; anything left of it the client can forge.
    ipware counts the proxies named in the header, which leaves out the one nearest to us."""
    if trusted_proxies == 0:
        return ("REMOTE_ADDR",), None
    return ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"), trusted_proxies - 1


AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_FAILURE_WINDOW_MINUTES)
AXES_LOCKOUT_PARAMETERS = "repattern.accounts.lockout.lockout_parameters"
AXES_HANDLER = "repattern.accounts.lockout.LoginFailureHandler"
AXES_USERNAME_CALLABLE = "repattern.accounts.lockout.login_username"
AXES_LOCKOUT_CALLABLE = "repattern.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# A try while locked neither counts nor restarts the wait, so "wait 15 minutes" stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The audit log records who did what; axes keeps only the failures it counts.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
AXES_IPWARE_META_PRECEDENCE_ORDER, AXES_IPWARE_PROXY_COUNT = client_address_source(
    TRUSTED_PROXY_COUNT
)
# Strict ipware drops a forwarded chain longer than expected and falls back to REMOTE_ADDR, the
# proxy's address, which every client shares: a client could then charge its failures to all.
IPWARE_STRICT = False

# Two-factor sign-in (django-otp): the name authenticator apps show beside the member's username.
OTP_TOTP_ISSUER = "Repattern"
# Wrong codes count towards the sign-in lock like wrong passwords (accounts/lockout.py): one
# lock, one message. django-otp's own per-device delays would refuse a right code after a typo.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Password reset e-mails: at most this many an hour to one e-mail address, and this many
# requests an hour from one client address (counted by django-ratelimit in the shared cache).
PASSWORD_RESET_EMAILS_PER_HOUR = env_int("PASSWORD_RESET_EMAILS_PER_HOUR", 3, minimum=1)
PASSWORD_RESET_REQUESTS_PER_HOUR = env_int("PASSWORD_RESET_REQUESTS_PER_HOUR", 10, minimum=1)
# Calls a minute one API token may make before it is answered 429 (counted in the shared cache).
API_REQUESTS_PER_MINUTE = env_int("API_REQUESTS_PER_MINUTE", 120, minimum=1)
RATELIMIT_USE_CACHE = "shared"
# django-ratelimit refuses the database cache because its increment is a read, then a write. On
# SQLite the reset counts hold the write lock around both; on PostgreSQL without REDIS_URL, a
# burst of simultaneous requests may be counted a few short.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

INTAKE_LINK_DAYS = env_int("INTAKE_LINK_DAYS", 7, minimum=1)
# A portal sign-in link works this many days; a client may ask for a new one this often an hour.
PORTAL_LINK_DAYS = env_int("PORTAL_LINK_DAYS", 30, minimum=1)
PORTAL_LINK_REQUESTS_PER_HOUR = env_int("PORTAL_LINK_REQUESTS_PER_HOUR", 5, minimum=1)

# Every e-mail goes through the outbox: logged, queued, sent by the worker with the backend
# named by EMAIL_BACKEND (the console by default, SMTP for a clinic).
EMAIL_BACKEND = "repattern.outbox.backend.QueuedBackend"
OUTBOX_EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Repattern <noreply@localhost>")
# Appointment reminders go this many hours before, unless a time was chosen for one.
APPOINTMENT_REMINDER_HOURS = env_int("APPOINTMENT_REMINDER_HOURS", 24, minimum=1)


def task_queue(redis_url: str) -> dict[str, Any]:
    """Huey's settings: Redis when there is one, else a SQLite file beside the app's data."""
    common = {"name": "repattern", "immediate": False, "utc": True}
    if redis_url:
        return {**common, "huey_class": "huey.RedisHuey", "url": redis_url}
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        **common,
        "huey_class": "huey.SqliteHuey",
        "filename": os.environ.get("QUEUE_FILE", str(VAR_DIR / "queue.sqlite3")),
    }


HUEY = task_queue(REDIS_URL)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
WHITENOISE_USE_FINDERS = True

# A sign-in lasts a working day at most, and ends after an idle time (accounts/session_lifetime.py).
SESSION_LIFETIME_HOURS = env_int("SESSION_LIFETIME_HOURS", 10, minimum=1)
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 120, minimum=1)
# The cookie outlives the sign-in by half a day, so that the first request after it has ended
# can say why; the server refuses it either way.
SESSION_COOKIE_AGE = (SESSION_LIFETIME_HOURS + 12) * 3600
SESSION_COOKIE_HTTPONLY = True
# Served over HTTPS behind a proxy (the README's set-up): cookies only over HTTPS, the proxy's
# word for the scheme trusted, plain http redirected, and browsers told to use HTTPS only.
SECURE_COOKIES = env_bool("SECURE_COOKIES", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_COOKIES
if SECURE_COOKIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Joining the browsers' preload list is the domain owner's choice and slow to undo,
        # so it is asked for (HSTS_PRELOAD=true), not assumed; the check would nag otherwise.
        SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No inline script or style anywhere: JavaScript and CSS come from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FORM_FIELD_MAX_TEXT = 5000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Axes logs every failed sign-in at INFO; lockouts are the WARNINGs worth reading.
    # WeasyPrint tells of each step of each PDF at INFO, fontTools of each font it reads.
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

if DATABASES["default"]["ENGINE"] not in {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}:
    raise ImproperlyConfigured("DATABASE_URL must point at SQLite or PostgreSQL.")
