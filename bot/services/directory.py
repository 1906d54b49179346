"""Who is who: people from platform accounts, chats and their bindings, and who may act on what."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlmodel import Session, select

from storage.models import Chat, Compound, Grid, Person, PlatformAccount, RoleAssignment, Street

STAFF_TITLES = {
    "street_admin": "街道管理员",
    "community_admin": "社区管理员",
    "grid_head": "网格长",
    "full_time": "专职网格员",
    "part_time": "兼职网格员",
    "building_leader": "楼栋长",
    "department": "职能部门",
}
ADMIN_ROLES = ("street_admin", "community_admin")
STAFF_KINDS = ("staff", "department")  # "former" staff, dropped from the roster, are treated as residents


@dataclass(frozen=True)
class Sender:
    person_id: str
    name: str
    is_staff: bool


def resident_id(platform: str, external_id: str) -> str:
    """A stable, non-identifying id for a resident first seen on a platform."""
    digest = hashlib.blake2s(f"{platform}:{external_id}".encode(), digest_size=5).hexdigest()
    return f"r_{digest}"


class Directory:
    def __init__(self, session: Session) -> None:
        self.s = session

    def person(self, person_id: str) -> Person | None:
        return self.s.get(Person, person_id)

    def sender(self, platform: str, external_id: str, name: str) -> Sender:
        """The person behind a platform account; someone unknown becomes a resident, remembered from now on."""
        account = self.s.exec(
            select(PlatformAccount).where(
                PlatformAccount.platform == platform,
                PlatformAccount.kind == "user",
                PlatformAccount.external_id == external_id,
            )
        ).first()
        if account is not None and account.person_id:
            person = self.s.get(Person, account.person_id)
            return Sender(person.id, person.name, person.kind in STAFF_KINDS)
        person = Person(id=resident_id(platform, external_id), name=(name or "居民").strip()[:64], kind="resident")
        self.s.merge(person)
        self.s.add(PlatformAccount(platform=platform, kind="user", external_id=external_id, person_id=person.id))
        self.s.flush()
        return Sender(person.id, person.name, False)

    def chat(self, chat_id: str) -> Chat | None:
        return self.s.get(Chat, chat_id)

    def chat_by_account(self, platform: str, external_id: str) -> Chat | None:
        account = self.s.exec(
            select(PlatformAccount).where(
                PlatformAccount.platform == platform,
                PlatformAccount.kind == "chat",
                PlatformAccount.external_id == external_id,
            )
        ).first()
        return self.s.get(Chat, account.chat_id) if account and account.chat_id else None

    def accounts_of_person(self, person_id: str) -> list[PlatformAccount]:
        return list(self.s.exec(select(PlatformAccount).where(PlatformAccount.person_id == person_id)))

    def accounts_of_chat(self, chat_id: str) -> list[PlatformAccount]:
        return list(self.s.exec(select(PlatformAccount).where(PlatformAccount.chat_id == chat_id)))

    def roles(self, person_id: str) -> list[RoleAssignment]:
        query = select(RoleAssignment).where(RoleAssignment.person_id == person_id).order_by(RoleAssignment.id)
        return list(self.s.exec(query))

    def title(self, person_id: str) -> str:
        """How the group sees a worker: grid and name, e.g. "同鑫第一网格 张网格员"."""
        person = self.s.get(Person, person_id)
        if person is None:
            return "工作人员"
        grid = self._first_grid(person_id)
        return f"{grid.name} {person.name}" if grid else person.name

    def role_title(self, person_id: str) -> str:
        """What a person does, e.g. "同鑫第一网格 专职网格员" (for the web chat's identity switcher)."""
        roles = self.roles(person_id)
        if not roles:
            return ""
        grid = self._first_grid(person_id)
        return f"{grid.name} {STAFF_TITLES[roles[0].role]}" if grid else STAFF_TITLES[roles[0].role]

    def _first_grid(self, person_id: str) -> Grid | None:
        for role in self.roles(person_id):
            if role.grid_id is not None:
                return self.s.get(Grid, role.grid_id)
        return None

    def community_admins(self, community_id: int) -> list[str]:
        return self._holders("community_admin", RoleAssignment.community_id == community_id)

    def street_admins(self) -> list[str]:
        return self._holders("street_admin", True)

    def full_time_worker(self, grid_id: int) -> str | None:
        workers = self._holders("full_time", RoleAssignment.grid_id == grid_id)
        if workers:
            return workers[0]
        grid = self.s.get(Grid, grid_id)
        return grid.head_id if grid else None

    def _holders(self, role: str, condition) -> list[str]:
        query = select(RoleAssignment.person_id).where(RoleAssignment.role == role, condition)
        return list(dict.fromkeys(self.s.exec(query.order_by(RoleAssignment.id))))

    def staff_by_name_or_id(self, text: str) -> Person | None:
        text = text.strip().lstrip("@")
        person = self.s.get(Person, text)
        if person is None:
            person = self.s.exec(select(Person).where(Person.name == text)).first()
        return person if person and person.kind in STAFF_KINDS else None

    def compound_names(self) -> dict[str, list[str]]:
        return {c.name: list(c.aliases) for c in self.s.exec(select(Compound))}

    def street_name(self) -> str | None:
        street = self.s.exec(select(Street)).first()
        return street.name if street else None
