"""Settings from the command line and the environment (PORT, DATABASE_URL, ROSTER, ADMIN_TOKEN, WEBCHAT,
TELEGRAM_*…)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_DATABASE_URL = "sqlite:///wanggetong.db"
DEFAULT_PORT = 8080
DEFAULT_HOST = "127.0.0.1"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
TELEGRAM_API = "https://api.telegram.org/bot"
_TELEGRAM_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
_TELEGRAM_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what setWebhook accepts as secret_token


MIN_TOKEN = 16


class ConfigError(ValueError):
    pass


def _public_url(value: str | None) -> str | None:
    value = (value or "").strip().rstrip("/") or None
    if value is not None and urlsplit(value).scheme not in ("http", "https"):
        raise ConfigError(f"PUBLIC_URL must be the address browsers use, like https://bot.example.org, got {value!r}")
    return value


@dataclass(frozen=True)
class Settings:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    database_url: str = DEFAULT_DATABASE_URL
    roster: str | None = None
    admin_token: str | None = None
    public_url: str | None = None  # how browsers reach the bot behind a proxy (https://bot.example.org)
    webchat: bool = True
    bot_name: str = "网格通"
    mention_names: tuple[str, ...] = ("网格通", "网格小助手")
    telegram: TelegramSettings | None = None
    # Campaigns: an occurrence missed while the bot was down goes out if less than this late (seconds), else
    # it is skipped and logged. How often an instance that does not hold the schedule tries to take it over.
    campaign_grace: float = 3600.0
    campaign_takeover: float = 15.0
    # Where the outbox's rate-limit counters live, so that they hold across instances: redis://… (unset: in
    # the process's memory, right for one instance on SQLite).
    redis_url: str | None = None

    @property
    def platforms(self) -> frozenset[str]:
        enabled = {"webchat"} if self.webchat else set()
        if self.telegram is not None:
            enabled.add("telegram")
        return frozenset(enabled)


@dataclass(frozen=True)
class TelegramSettings:
    """TELEGRAM_BOT_TOKEN enables the channel; with TELEGRAM_WEBHOOK_URL it takes webhooks, else it long-polls."""

    token: str
    api_base_url: str = TELEGRAM_API
    webhook_url: str | None = None
    webhook_secret: str | None = None

    @property
    def uses_webhook(self) -> bool:
        return self.webhook_url is not None


def telegram_from(env: dict[str, str]) -> TelegramSettings | None:
    token = (env.get("TELEGRAM_BOT_TOKEN") or "").strip()
    if not token:
        if env.get("TELEGRAM_WEBHOOK_URL"):
            raise ConfigError("TELEGRAM_WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN is not")
        return None
    if not _TELEGRAM_TOKEN.match(token):
        raise ConfigError("TELEGRAM_BOT_TOKEN does not look like a token from BotFather (digits:letters)")
    base = (env.get("TELEGRAM_API_BASE_URL") or TELEGRAM_API).strip()
    if urlsplit(base).scheme not in ("http", "https"):
        raise ConfigError(f"TELEGRAM_API_BASE_URL must be an http(s) URL, got {base!r}")
    webhook = (env.get("TELEGRAM_WEBHOOK_URL") or "").strip() or None
    secret = (env.get("TELEGRAM_WEBHOOK_SECRET") or "").strip() or None
    if webhook is not None:
        if urlsplit(webhook).scheme != "https" and not webhook.startswith("http://127.0.0.1"):
            raise ConfigError(f"TELEGRAM_WEBHOOK_URL must be an https URL Telegram can reach, got {webhook!r}")
        if secret is None or not _TELEGRAM_SECRET.match(secret):
            raise ConfigError(
                "TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL: 1–256 characters of A–Z, a–z, "
                "0–9, _ and - (the webhook refuses requests without it)"
            )
    return TelegramSettings(token, base, webhook, secret)


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in ("1", "on", "true", "yes"):
        return True
    if lowered in ("0", "off", "false", "no"):
        return False
    raise ConfigError(f"cannot read {value!r} as on/off")


def _seconds(env: dict[str, str], name: str, default: float) -> float:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, got {raw!r}") from None
    if not 0 < value <= 7 * 86400:
        raise ConfigError(f"{name} must be between 0 and a week in seconds, got {raw!r}")
    return value


def settings_from(env: dict[str, str] | None = None, **overrides) -> Settings:
    """Command-line values win over the environment, which wins over the defaults."""
    env = dict(os.environ if env is None else env)
    try:
        port = int(overrides.get("port") or env.get("PORT") or DEFAULT_PORT)
    except ValueError as error:
        raise ConfigError(f"PORT must be a number, got {env.get('PORT')!r}") from error
    if not 0 < port < 65536:
        raise ConfigError(f"port {port} is out of range")
    settings = Settings(
        host=overrides.get("host") or env.get("HOST") or DEFAULT_HOST,
        port=port,
        database_url=overrides.get("database_url") or env.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
        roster=overrides.get("roster") or env.get("ROSTER") or None,
        admin_token=env.get("ADMIN_TOKEN") or None,
        public_url=_public_url(env.get("PUBLIC_URL")),
        webchat=_flag(env.get("WEBCHAT"), True),
        bot_name=env.get("BOT_NAME") or "网格通",
        telegram=telegram_from(env),
        campaign_grace=_seconds(env, "CAMPAIGN_MISFIRE_GRACE", 3600.0),
        campaign_takeover=_seconds(env, "CAMPAIGN_TAKEOVER_SECONDS", 15.0),
        redis_url=(env.get("REDIS_URL") or "").strip() or None,
    )
    if settings.redis_url is not None and urlsplit(settings.redis_url).scheme not in ("redis", "rediss", "unix"):
        raise ConfigError(f"REDIS_URL must be a redis:// URL, got {settings.redis_url!r}")
    if settings.admin_token is not None and len(settings.admin_token) < MIN_TOKEN:
        raise ConfigError(
            f"ADMIN_TOKEN is too short to be a secret (under {MIN_TOKEN} characters); make one with: "
            "openssl rand -hex 24"
        )
    if settings.admin_token is None and settings.host not in LOOPBACK:
        raise ConfigError(
            f"refusing to listen on {settings.host} without ADMIN_TOKEN: the ticket API would be open to the "
            "network. Set ADMIN_TOKEN, or keep the default host 127.0.0.1."
        )
    return settings
