"""Small helpers for reading the web chat API's answers in tests."""


def texts(answer: dict, chat: str | None = None) -> list[str]:
    """The texts of the bot's replies, optionally only those sent to one chat."""
    return [r["text"] for r in answer["replies"] if chat is None or r["chat"] == chat]


def buttons(answer: dict, chat: str) -> list[dict]:
    return [b for r in answer["replies"] if r["chat"] == chat for b in r["buttons"]]
