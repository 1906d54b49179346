"""Settings: the command line wins over the environment, which wins over the defaults; unsafe set-ups refused."""

import pytest

from bot.config import ConfigError, settings_from


def test_defaults():
    settings = settings_from(env={})
    assert (settings.host, settings.port, settings.database_url) == ("127.0.0.1", 8080, "sqlite:///wanggetong.db")
    assert settings.webchat and settings.platforms == {"webchat"}


def test_environment_then_command_line():
    env = {"PORT": "9000", "DATABASE_URL": "sqlite:///x.db", "ROSTER": "r.yaml", "WEBCHAT": "off"}
    from_env = settings_from(env=env)
    assert (from_env.port, from_env.database_url, from_env.roster, from_env.webchat) == (
        9000,
        "sqlite:///x.db",
        "r.yaml",
        False,
    )
    assert from_env.platforms == frozenset()
    assert settings_from(env=env, port=7000, roster="other.yaml").port == 7000


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PORT": "eighty"}, "PORT must be a number"),
        ({"PORT": "70000"}, "out of range"),
        ({"HOST": "0.0.0.0"}, "ADMIN_TOKEN"),
        ({"ADMIN_TOKEN": "s3cret"}, "too short"),
        ({"PUBLIC_URL": "bot.example.org"}, "PUBLIC_URL"),
        ({"WEBCHAT": "maybe"}, "on/off"),
        ({"TELEGRAM_BOT_TOKEN": "not a token"}, "BotFather"),
        ({"TELEGRAM_WEBHOOK_URL": "https://x.example/telegram/webhook"}, "TELEGRAM_BOT_TOKEN is not"),
        ({"TELEGRAM_BOT_TOKEN": "1:abc", "TELEGRAM_WEBHOOK_URL": "https://x.example/hook"}, "SECRET is required"),
        (
            {"TELEGRAM_BOT_TOKEN": "1:abc", "TELEGRAM_WEBHOOK_URL": "https://x/h", "TELEGRAM_WEBHOOK_SECRET": "a b"},
            "SECRET is required",
        ),
        ({"TELEGRAM_BOT_TOKEN": "1:abc", "TELEGRAM_WEBHOOK_URL": "http://x.example/hook"}, "https"),
        ({"TELEGRAM_BOT_TOKEN": "1:abc", "TELEGRAM_API_BASE_URL": "ftp://x"}, "http"),
    ],
)
def test_bad_settings_are_explained(env, message):
    with pytest.raises(ConfigError, match=message):
        settings_from(env=env)


def test_public_url_is_kept_without_its_slash():
    assert settings_from(env={"PUBLIC_URL": "https://bot.example.org/"}).public_url == "https://bot.example.org"


def test_a_public_host_is_allowed_with_a_token():
    assert settings_from(env={"HOST": "0.0.0.0", "ADMIN_TOKEN": "t" * 24}).host == "0.0.0.0"


def test_telegram_is_switched_on_by_its_token():
    assert "telegram" not in settings_from(env={}).platforms
    polling = settings_from(env={"TELEGRAM_BOT_TOKEN": "123:abc"})
    assert "telegram" in polling.platforms and not polling.telegram.uses_webhook
    assert polling.telegram.api_base_url == "https://api.telegram.org/bot"
    webhook = settings_from(
        env={
            "TELEGRAM_BOT_TOKEN": "123:abc",
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot",
            "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram/webhook",
            "TELEGRAM_WEBHOOK_SECRET": "s3cret_-",
        }
    )
    assert webhook.telegram.uses_webhook and webhook.telegram.webhook_secret == "s3cret_-"
    assert webhook.telegram.api_base_url == "http://127.0.0.1:8081/bot"
