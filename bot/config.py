"""Settings from the command line and the environment (PORT, DATABASE_URL, ROSTER, ADMIN_TOKEN, WEBCHAT…)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from storage.engine import DEFAULT_DATABASE_URL

DEFAULT_PORT = 8080
DEFAULT_HOST = "127.0.0.1"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    database_url: str = DEFAULT_DATABASE_URL
    roster: str | None = None
    admin_token: str | None = None
    webchat: bool = True
    bot_name: str = "网格通"
    mention_names: tuple[str, ...] = ("网格通", "网格小助手")

    @property
    def platforms(self) -> frozenset[str]:
        return frozenset({"webchat"} if self.webchat else set())


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in ("1", "on", "true", "yes"):
        return True
    if lowered in ("0", "off", "false", "no"):
        return False
    raise ConfigError(f"cannot read {value!r} as on/off")


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
        webchat=_flag(env.get("WEBCHAT"), True),
        bot_name=env.get("BOT_NAME") or "网格通",
    )
    if settings.admin_token is None and settings.host not in LOOPBACK:
        raise ConfigError(
            f"refusing to listen on {settings.host} without ADMIN_TOKEN: the ticket API would be open to the "
            "network. Set ADMIN_TOKEN, or keep the default host 127.0.0.1."
        )
    return settings
