"""Channel adapters: each translates between one platform and the neutral types of bot.messages, and decides
nothing. None of them imports the core; only bot.channels.telegram imports python-telegram-bot."""

import re

_UNSTORABLE = re.compile("[\ud800-\udfff]")


class ChannelStartError(RuntimeError):
    """A platform channel could not start (a wrong token, the platform out of reach): said plainly at start-up."""


class NotAnUpdate(ValueError):
    """What a platform posted to the bot is not one of its updates."""


def storable(text: str) -> str:
    """Text as a database can keep it: NUL dropped, a lone surrogate (half a UTF-16 pair, which has no UTF-8)
    replaced by �. A resident's message is never lost to one bad character."""
    return _UNSTORABLE.sub("\ufffd", text.replace("\x00", ""))
