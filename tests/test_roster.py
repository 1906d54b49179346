"""Roster import: idempotent, and a bad file is rejected with the field and line at fault, nothing half-done."""

import pytest
from sqlalchemy import inspect
from sqlmodel import Session, select

from storage.models import Building, Grid, Person, PlatformAccount, RoleAssignment
from storage.roster import import_roster
from storage.roster_file import RosterError
from storage.roster_parse import load_roster, parse_roster
from storage.roster_view import load_roster_view
from tests.conftest import DEMO_ROSTER


def snapshot(engine) -> dict:
    """Every row of every table, to prove an import changed nothing."""
    with engine.connect() as connection:
        return {
            table: sorted(map(tuple, connection.exec_driver_sql(f'SELECT * FROM "{table}"').fetchall()), key=repr)
            for table in inspect(engine).get_table_names()
        }


def test_importing_twice_changes_nothing(engine):
    before = snapshot(engine)  # the fixture already imported the demo roster once
    report = import_roster(engine, load_roster(DEMO_ROSTER))
    assert not report.changed
    assert snapshot(engine) == before


def test_demo_roster_is_all_there(engine):
    with Session(engine) as session:
        assert session.exec(select(Building)).all().__len__() == 40
        grid = session.exec(select(Grid).where(Grid.name == "同鑫第二网格")).one()
        assert grid.head_id == "w_wang"
        b15 = session.exec(select(Building).where(Building.number == 15, Building.grid_id == grid.id)).one()
        assert b15 is not None
        # 王网格长 heads two grids but is one person with his accounts from the first mention
        wang = session.exec(select(PlatformAccount).where(PlatformAccount.person_id == "w_wang")).all()
        assert {a.platform for a in wang} == {"webchat", "telegram", "wecom"}
        roles = session.exec(select(RoleAssignment.role).where(RoleAssignment.person_id == "w_wang")).all()
        assert roles == ["grid_head", "grid_head"]
        assert session.get(Person, "d_xiaofang").kind == "department"


GOOD = DEMO_ROSTER.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (
            ("grid: 同鑫第一网格, accounts: {webchat: g_tx1", "grid: 不存在网格, accounts: {webchat: g_tx1"),
            ":30: communities[0].groups[0].grid: no grid called '不存在网格'",
        ),
        (
            ('buildings: {同鑫花园: "1-10"}', 'buildings: {同鑫花园: "1-30"}'),
            ":19: communities[0].grids[0].buildings.同鑫花园",
        ),
        (
            ("role: full_time, accounts: {webchat: w_zhang", "role: boss, accounts: {webchat: w_zhang"),
            ":22: communities[0].grids[0].workers[0].role: unknown role 'boss'",
        ),
        (("{id: w_li, name: 李网格员", "{id: w_li, name: "), "communities[0].grids[1].workers[0].name: missing"),
        (("categories: [fire_safety]", "categories: [fires]"), "departments[3].categories: unknown categories"),
        (("telegram: 910003", "telegram: 910002"), "accounts.telegram: 910002 already belongs to w_zhang"),
        (('buildings: "1-20"', 'buildings: "twenty"'), ":16: communities[0].compounds[0].buildings"),
        (("street:\n  name: 济北街道", "street:\n  name: [济北街道"), "not valid YAML"),
        (
            ("        workers:\n          - {id: w_zhang", "        worker:\n          - {id: w_zhang"),
            ":21: communities[0].grids[0].worker: unknown field",
        ),
        (("{id: w_chen, name: 陈网格长, phone", "{id: w_chen, name: 陈组长, phone"), "w_chen is called"),
        (
            ('phone: "13805310002"', 'phone: "张网格员的手机"'),
            ":22: communities[0].grids[0].workers[0].phone: '张网格员的手机' is not",
        ),
        (('phone: "13805310002"', 'phone: "123"'), "workers[0].phone: '123' is not a telephone number"),
        (('phone: "13805310002"', "phone: 01065001234"), "workers[0].phone: write the number in quotes"),
        (
            ("head: {id: w_wang, name: 王网格长}", 'head: {id: w_wang, name: 王网格长, phone: "13900000000"}'),
            "w_wang's phone is '13805310001'",
        ),
    ],
)
def test_bad_roster_names_line_and_field_and_imports_nothing(engine, change, where):
    old, new = change
    assert old in GOOD
    with pytest.raises(RosterError) as caught:
        roster = parse_roster(GOOD.replace(old, new, 1), "roster.yaml")
        import_roster(engine, roster)
    assert str(caught.value).startswith("roster.yaml")
    assert where in str(caught.value)


def test_a_failing_import_leaves_the_database_as_it_was(engine, tmp_path):
    before = snapshot(engine)
    roster = load_roster(DEMO_ROSTER)
    roster.communities[0].grids[0].workers[0].person.id = None  # breaks at the database, half-way through
    with pytest.raises(Exception):  # noqa: B017 (whatever the driver raises, the point is the rollback)
        import_roster(engine, roster)
    assert snapshot(engine) == before


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(RosterError, match="cannot read"):
        load_roster(tmp_path / "nope.yaml")


def test_reimport_retires_people_and_groups_the_file_no_longer_lists(engine):
    changed = GOOD.replace("      - {id: c_sun, name: 孙书记, accounts: {webchat: c_sun, telegram: 900001}}\n", "")
    changed = changed.replace(
        '{id: w_zhang, name: 张网格员, phone: "13805310002", role: full_time, accounts: {webchat: w_zhang, '
        "telegram: 910002, "
        "wecom: zhangsan}}",
        "{id: w_new, name: 新网格员, role: full_time, accounts: {webchat: w_new}}",
    )
    changed = changed.replace(
        "      - {id: g_hp, name: 荷畔小区邻里群, grid: 荷畔网格, accounts: {webchat: g_hp}}\n", ""
    )
    assert changed.count("w_new") == 2 and "c_sun" not in changed and "g_hp" not in changed
    report = import_roster(engine, parse_roster(changed, "changed.yaml"))
    assert report.changes["roleassignment removed"] == 2 and report.changes["person retired"] == 2
    with engine.connect() as connection:
        roster = load_roster_view(connection)
    assert "c_sun" not in roster.roles and "w_zhang" not in roster.roles
    assert "w_zhang" not in roster.person_addresses and "g_hp" not in roster.chat_addresses
    grid = next(g for g in roster.grids.values() if g.name == "同鑫第一网格")
    assert roster.full_time_worker(grid.id) == "w_new"
    assert not roster.is_staff("w_zhang") and roster.staff["w_zhang"][1] == "former"
    assert not import_roster(engine, parse_roster(changed, "changed.yaml")).changed


def _telegram_ids_of(engine, chat: str) -> dict[str, str | None]:
    with Session(engine) as session:
        query = select(PlatformAccount).where(PlatformAccount.chat_id == chat, PlatformAccount.platform == "telegram")
        return {a.external_id: a.bound_by for a in session.exec(query)}


def _move(engine, old: str, new: str) -> None:
    from storage.database import Database

    with Database(engine).unit() as store:
        assert store.accounts.move_chat("telegram", old, new)


def test_a_group_the_platform_moved_keeps_its_new_id_while_the_file_names_the_old_one(engine):
    _move(engine, "-1001000000001", "-1009000000001")
    report = import_roster(engine, load_roster(DEMO_ROSTER))  # the file still says -1001000000001
    assert _telegram_ids_of(engine, "g_tx1") == {"-1009000000001": "migrated:-1001000000001"}
    assert not report.changed, "a file that did not change changes nothing"

    updated = DEMO_ROSTER.read_text().replace("-1001000000001", "-1009000000001")
    import_roster(engine, parse_roster(updated, "roster.yaml"))  # the file catches up: the account is its again
    assert _telegram_ids_of(engine, "g_tx1") == {"-1009000000001": None}


def test_a_moved_group_pointed_at_another_id_by_the_file_follows_the_file(engine):
    _move(engine, "-1001000000001", "-1009000000001")
    other = DEMO_ROSTER.read_text().replace("-1001000000001", "-1005555555555")
    import_roster(engine, parse_roster(other, "roster.yaml"))
    assert _telegram_ids_of(engine, "g_tx1") == {"-1005555555555": None}


@pytest.mark.parametrize(
    ("person", "chat", "serves"),
    [
        ("w_zhang", "g_tx1", True),  # his grid's group
        ("w_zhang", "g_tx2", False),  # the other grid of the same compound
        ("w_zhang", "g_txall", True),  # the compound's group: his grid covers part of it
        ("w_zhang", "g_hp", False),  # another community's compound: a resident there
        ("w_wang", "g_tx2", True),  # a head of two grids
        ("c_sun", "g_tx2", True),  # the community's admin
        ("c_sun", "g_ys", False),
        ("c_zhou", "g_ysall", True),  # a community group
        ("w_sun", "g_ysall", True),  # staff of one of its grids
        ("s_zhao", "g_hp", True),  # the street's admin, everywhere
    ],
)
def test_who_serves_a_group(engine, person, chat, serves):
    """Staff of a group's grid, compound or community get no offer there (handlers/complaints/router.py)."""
    with engine.connect() as connection:
        roster = load_roster_view(connection)
    assert roster.serves(person, roster.chats[chat]) is serves


def test_a_published_work_number_is_kept_as_written_and_only_for_those_who_have_one(engine):
    with engine.connect() as connection:
        view = load_roster_view(connection)
    assert view.phones["w_zhang"] == "13805310002"
    assert "w_sun" not in view.phones  # 荷畔网格's workers list none
    roster = parse_roster(GOOD.replace('phone: "13805310002"', 'phone: "0531-8888 6666"', 1), "roster.yaml")
    assert roster.communities[0].grids[0].workers[0].person.phone == "0531-8888 6666"


def test_a_building_leader_is_known_by_their_buildings(engine):
    with engine.connect() as connection:
        view = load_roster_view(connection)
    compound = view.compound_named("同鑫花园").id
    assert view.building_leaders[(compound, 3)] == ["w_liu"]
    assert view.building_leaders.get((compound, 4), []) == []


def test_a_retired_workers_number_is_told_to_nobody(engine):
    changed = GOOD.replace(
        '{id: w_zhang, name: 张网格员, phone: "13805310002", role: full_time',
        "{id: w_new, name: 新网格员, role: full_time",
        1,
    )
    changed = changed.replace(
        "accounts: {webchat: w_zhang, telegram: 910002, wecom: zhangsan}", "accounts: {webchat: w_new}", 1
    )
    import_roster(engine, parse_roster(changed, "changed.yaml"))
    with Session(engine) as session:
        assert session.get(Person, "w_zhang").phone is None
    with engine.connect() as connection:
        assert "w_zhang" not in load_roster_view(connection).phones
