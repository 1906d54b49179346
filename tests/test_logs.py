"""Logs keep residents' personal data out, and a client that goes away costs one line (issue 9 §6)."""

from __future__ import annotations

import logging

import pytest

from bot.logs import MaskingFormatter, mask_phones


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("我叫王小明电话13800138000", "我叫王小明电话138****8000"),
        ("call +86 139-1234-5678 now", "call +86 139****5678 now"),
        ("138 0013 8000", "138****8000"),
        ("工单 #13800 已办结", "工单 #13800 已办结"),  # not a phone: too short
        ("2026-12-02 10:00:00", "2026-12-02 10:00:00"),
    ],
)
def test_phone_numbers_are_masked(text, masked):
    assert mask_phones(text) == masked


def test_every_line_is_masked_whatever_logged_it():
    record = logging.LogRecord("sqlalchemy", logging.ERROR, __file__, 1, "failed: %s", ("电话13912345678",), None)
    assert "139****5678" in MaskingFormatter("%(message)s").format(record)


def test_a_logged_database_error_carries_no_residents_words(engine):
    """Not the statement's parameters (hidden), nor the row PostgreSQL quotes in its detail (scrubbed)."""
    from sqlalchemy.exc import IntegrityError

    from storage.database import Database

    with pytest.raises(IntegrityError) as raised, Database(engine).unit() as store:
        store.accounts.add_resident("r_x", "王小明13800138000", "webchat", "x")
        store.tickets.add(
            {"status": "open", "category": "other", "text": "电话13800138000", "chat": "dm:r_x", "platform": "webchat",
             "reporter_id": "nobody", "source_key": "k", "created_at": None, "updated_at": None},
            [],
        )  # fmt: skip
    assert "[SQL parameters hidden" in str(raised.value)
    failure = (IntegrityError, raised.value, None)
    record = logging.LogRecord("storage", logging.ERROR, __file__, 1, "failed", (), failure)
    logged = MaskingFormatter("%(message)s").format(record)
    assert "13800138000" not in logged and "王小明" not in logged and "电话" not in logged
