"""Channel adapters: each translates between one platform and the neutral types of bot.messages, and decides
nothing. None of them imports the core; only bot.channels.telegram imports python-telegram-bot."""


class ChannelStartError(RuntimeError):
    """A platform channel could not start (a wrong token, the platform out of reach): said plainly at start-up."""


class NotAnUpdate(ValueError):
    """What a platform posted to the bot is not one of its updates."""
