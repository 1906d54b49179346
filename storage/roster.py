"""Writing a checked roster to the database, idempotently: a second import of the same file changes nothing."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select

from storage.engine import transaction
from storage.models import (
    MIGRATED,
    Building,
    Chat,
    Community,
    Compound,
    Grid,
    Person,
    PlatformAccount,
    RoleAssignment,
    Street,
)
from storage.roster_file import PersonSpec, Roster

log = logging.getLogger(__name__)


@dataclass
class ImportReport:
    """What an import changed, per table: a repeated import reports nothing."""

    changes: dict[str, int] = field(default_factory=dict)

    def count(self, table: str) -> None:
        self.changes[table] = self.changes.get(table, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def import_roster(engine: Engine, roster: Roster) -> ImportReport:
    """All or nothing: the whole roster is written in one transaction."""
    with transaction(engine) as session:
        return _Writer(session).write(roster)


class _Writer:
    def __init__(self, session: Session) -> None:
        self.s = session
        self.report = ImportReport()
        self.kept: dict[type[SQLModel], set] = {RoleAssignment: set(), PlatformAccount: set(), Person: set()}

    def upsert(self, model: type[SQLModel], key: dict, values: dict) -> SQLModel:
        """Find by natural key, create or update; only real differences count as changes."""
        row = self.s.exec(select(model).filter_by(**key)).first()
        if row is None:
            row = model(**key, **values)
            self.s.add(row)
            self.s.flush()
            self.report.count(model.__tablename__)
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            self.s.flush()
            self.report.count(model.__tablename__)
        if model in self.kept:
            self.kept[model].add(row.id)
        return row

    def write(self, roster: Roster) -> ImportReport:
        self._write(roster)
        self._retire_what_the_file_no_longer_lists()
        return self.report

    def _retire_what_the_file_no_longer_lists(self) -> None:
        """Someone who left keeps no role and no account (so no rights and no messages); their person row
        stays, because tickets and events name them."""
        staff = set(self.s.exec(select(Person.id).where(col(Person.kind).in_(("staff", "department", "former")))))
        for role in self.s.exec(select(RoleAssignment)):
            if role.id not in self.kept[RoleAssignment]:
                self.s.delete(role)
                self.report.count("roleassignment removed")
        for account in self.s.exec(select(PlatformAccount)):
            # Groups bound from the chat (绑定) are not the file's to take away; a moved one is, once the file drops it.
            file_group = account.bound_by is None or account.bound_by.startswith(MIGRATED)
            managed = (account.chat_id is not None and file_group) or account.person_id in staff
            if managed and account.id not in self.kept[PlatformAccount]:
                self.s.delete(account)
                self.report.count("platformaccount removed")
        for person in self.s.exec(select(Person).where(col(Person.kind).in_(("staff", "department")))):
            if person.id not in self.kept[Person]:
                person.kind = "former"
                person.phone = None  # (a number no one answers for the street any more is told to nobody)
                self.report.count("person retired")
        self.s.flush()

    def _write(self, roster: Roster) -> None:
        street = self.upsert(Street, {"name": roster.street}, {})
        for admin in roster.street_admins:
            self.role(admin, "street_admin", f"street:{roster.street}")
        for community in roster.communities:
            self.community(community, street.id)
        for department in roster.departments:
            self.person(department.person, kind="department")
            self.role(department.person, "department", "departments", detail={"categories": department.categories})

    def community(self, spec, street_id: int) -> None:
        community = self.upsert(Community, {"name": spec.name}, {"street_id": street_id})
        for admin in spec.admins:
            self.role(admin, "community_admin", f"community:{spec.name}", community_id=community.id)
        compounds = {}
        for c in spec.compounds:
            compounds[c.name] = self.upsert(
                Compound, {"name": c.name}, {"community_id": community.id, "aliases": c.aliases}
            )
        grid_of: dict[tuple[str, int], int] = {}
        for g in spec.grids:
            head = self.person(g.head).id if g.head else None
            grid = self.upsert(Grid, {"name": g.name}, {"community_id": community.id, "head_id": head})
            if g.head:
                self.role(g.head, "grid_head", f"grid:{g.name}", community_id=community.id, grid_id=grid.id)
            for w in g.workers:
                self.role(
                    w.person,
                    w.role,
                    f"grid:{g.name}",
                    community_id=community.id,
                    grid_id=grid.id,
                    detail={"buildings": w.buildings} if w.buildings else {},
                )
            for compound, numbers in g.buildings.items():
                grid_of.update({(compound, n): grid.id for n in numbers})
        for c in spec.compounds:
            for number in c.buildings:
                self.upsert(
                    Building,
                    {"compound_id": compounds[c.name].id, "number": number},
                    {"grid_id": grid_of.get((c.name, number))},
                )
        for group in spec.groups:
            self.group(group, community, compounds)

    def group(self, spec, community: Community, compounds: dict[str, Compound]) -> None:
        kind, target = spec.bound_to
        binding = {"grid_id": None, "compound_id": None, "community_id": community.id}
        if kind == "grid":
            binding["grid_id"] = self.s.exec(select(Grid.id).where(Grid.name == target)).one()
        elif kind == "compound":
            binding["compound_id"] = compounds[target].id
        self.upsert(Chat, {"id": spec.id}, {"name": spec.name, "tags": spec.tags, **binding})
        for platform, external in spec.accounts.items():
            if self._moved_away(spec.id, platform, external):
                continue
            self.upsert(
                PlatformAccount,
                {"platform": platform, "kind": "chat", "external_id": external},
                {"chat_id": spec.id, "person_id": None, "bound_by": None},  # named in the file: the file's now
            )

    def _moved_away(self, chat_id: str, platform: str, external: str) -> bool:
        """The file still names the id a group had before the platform moved it (its account now has the new
        id, marked migrated:<old id>): importing the old id again would make the group hear everything twice."""
        left = select(PlatformAccount).where(
            PlatformAccount.platform == platform,
            PlatformAccount.kind == "chat",
            PlatformAccount.chat_id == chat_id,
            PlatformAccount.bound_by == f"{MIGRATED}{external}",
        )
        current = self.s.exec(left).first()
        if current is None:
            return False
        self.kept[PlatformAccount].add(current.id)  # the file still means this group, under its old id
        log.warning(
            "roster: %s %s moved to %s; keeping the new id (update the file)", platform, external, current.external_id
        )
        return True

    def person(self, spec: PersonSpec, kind: str = "staff") -> Person:
        person = self.upsert(Person, {"id": spec.id}, {"name": spec.name, "kind": kind, "phone": spec.phone})
        for platform, external in spec.accounts.items():
            self.upsert(
                PlatformAccount,
                {"platform": platform, "kind": "user", "external_id": external},
                {"person_id": spec.id, "chat_id": None},
            )
        return person

    def role(
        self,
        spec: PersonSpec,
        role: str,
        scope: str,
        *,
        community_id: int | None = None,
        grid_id: int | None = None,
        detail: dict | None = None,
    ) -> None:
        self.person(spec, kind="department" if role == "department" else "staff")
        self.upsert(
            RoleAssignment,
            {"person_id": spec.id, "role": role, "scope": scope},
            {"community_id": community_id, "grid_id": grid_id, "detail": detail or {}},
        )
