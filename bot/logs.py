"""Logging that keeps residents' personal data out of the log files.

Database errors are logged without their statements' parameters (storage.engine: hide_parameters), and every
line is passed through `scrub` on its way out, whatever logged it: the row values PostgreSQL quotes in an
error's detail are dropped, and phone numbers are masked. A phone number or a name a resident wrote into a
report must not sit in plain text in a log that operators copy around.
"""

from __future__ import annotations

import logging
import re

# Mainland mobile numbers (1[3-9] + 9 digits), with or without +86, spaces or dashes in between.
_MOBILE = re.compile(r"(?<!\d)((?:\+?86[\s-]?)?1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)")
# What PostgreSQL puts in an error's detail: the failing row's values, and a unique key's values.
_ROW = re.compile(r"(Failing row contains )\(.*?\)(?=\.?\s*$)", re.MULTILINE)
_KEY_VALUES = re.compile(r"(Key \([^)]*\))=\(.*?\)( already exists| is not present)")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def mask_phones(text: str) -> str:
    """138****8000: enough to tell two numbers apart, not enough to call."""
    return _MOBILE.sub(lambda m: f"{m[1]}****{m[3]}", text)


def scrub(text: str) -> str:
    """A log line without the personal data a database error can carry, and with phone numbers masked."""
    text = _ROW.sub(r"\1(…)", text)
    text = _KEY_VALUES.sub(r"\1=(…)\2", text)
    return mask_phones(text)


class MaskingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def configure(level: int = logging.INFO) -> None:
    """The command line's logging: one line per record, phone numbers masked; the chattiest libraries quieter
    (httpx would also log every Telegram request's URL, which holds the bot token)."""
    logging.basicConfig(level=level, format=FORMAT)
    for handler in logging.getLogger().handlers:
        handler.setFormatter(MaskingFormatter(FORMAT))
    for noisy in ("alembic", "apscheduler", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
