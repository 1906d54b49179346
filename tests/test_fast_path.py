"""storage.fast writes straight to the driver: its rows must be the ORM's, so that the ORM's own queries find them."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from bot.clock import LOCAL_TZ
from storage.fast import any_row, insert_row
from storage.models import WebchatMessage

# No microseconds: where sqlite3's own adapter had written other text than the ORM.
ON_THE_SECOND = datetime(2026, 12, 6, 10, 0, 0, tzinfo=LOCAL_TZ)


def _line(seq: int, at: datetime) -> dict:
    return {"seq": seq, "chat": "g_tx1", "user": "r_a", "name": "阿", "text": "收到", "buttons": [], "at": at}


def test_a_time_written_by_the_fast_path_is_found_by_the_orm_as_the_orm_wrote_it(engine):
    with Session(engine) as session:
        session.add(WebchatMessage(**_line(1, ON_THE_SECOND)))
        session.commit()
    with engine.begin() as connection:
        insert_row(connection, WebchatMessage.__table__, _line(2, ON_THE_SECOND))
    with Session(engine) as session:
        same_time = session.exec(select(WebchatMessage.seq).where(WebchatMessage.at == ON_THE_SECOND)).all()
        later = session.exec(select(WebchatMessage.seq).where(WebchatMessage.at > ON_THE_SECOND)).all()
    assert sorted(same_time) == [1, 2] and later == []


def test_the_fast_paths_question_compares_times_as_the_orm_does(engine):
    with Session(engine) as session:
        session.add(WebchatMessage(**_line(1, ON_THE_SECOND)))
        session.commit()
    table = WebchatMessage.__table__
    with engine.connect() as connection:
        assert any_row(connection, table, {"chat": "g_tx1"}, {"at": ON_THE_SECOND})
        assert not any_row(connection, table, {"chat": "g_tx1"}, {"at": ON_THE_SECOND.replace(microsecond=1)})
