"""Write the demo data: lookup rows by code, everything else through the services.

Each step looks its rows up first (units by code, people by folded name and unit,
positions by person, unit and title, successions by both ends, users by username) and
only creates what is missing, so a second load changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models

from danvan.access.models import RoleAssignment
from danvan.access.roles import Role
from danvan.access.system import SYSTEM
from danvan.demo import current_data, data
from danvan.demo.awards_loader import load_awards, load_model_awards
from danvan.demo.current_loader import CurrentLoader
from danvan.demo.democracy_loader import load as load_democracy  # democracy
from danvan.demo.drafting_data import load_drafting
from danvan.demo.meetings_loader import MeetingsLoader
from danvan.demo.reporting_data import load_figures
from danvan.demo.supervision_loader import load as load_supervision  # supervision
from danvan.demo.tree import new_ward_code, unit_specs
from danvan.lib.text import fold, normalize_spaces
from danvan.org.models import OrganisationKind, OrgLevel, OrgUnit, OrgUnitSuccession, UnitKind
from danvan.org.services import org_unit_create, org_unit_succeed
from danvan.people.models import Person, Position
from danvan.people.services import person_create, position_create

CREATED, UPDATED, REVOKED, KEPT, SKIPPED = (
    "tạo mới",
    "cập nhật",
    "thu hồi",
    "giữ nguyên",
    "bỏ qua",
)
STATUSES = (CREATED, UPDATED, REVOKED, KEPT, SKIPPED)

# Categories in the order of the summary line.
CATEGORIES = (
    "danh mục",
    "đơn vị",
    "kế thừa",
    "cán bộ",
    "chức vụ",
    "tài khoản",
    "phân quyền",
    "báo cáo",
    "hội nghị, văn bản",
    "đợt thi đua",
    "mô hình «Dân vận khéo»",
    "khen thưởng",
    "đơn thư",
    "tôn giáo",  # religion
    "an sinh xã hội",  # welfare
    "giám sát, phản biện",  # supervision
    "dân chủ cơ sở",  # democracy
    "bài viết nhập",
)


def _upsert(model: type[models.Model], code: str, values: dict[str, Any]) -> str:
    """update_or_create by code, without a save when nothing differs."""
    row = model.objects.filter(code=code).first()  # type: ignore[attr-defined]
    if row is None:
        model.objects.create(code=code, **values)  # type: ignore[attr-defined]
        return CREATED
    changed = [field for field, value in values.items() if getattr(row, field) != value]
    if not changed:
        return KEPT
    for field in changed:
        setattr(row, field, values[field])
    row.save(update_fields=changed)
    return UPDATED


class DemoLoader:
    def __init__(self, progress: Callable[[str], None]) -> None:
        self.progress = progress
        self.tally: Counter[tuple[str, str]] = Counter()
        self.units: dict[str, OrgUnit] = {}

    def run(self) -> Counter[tuple[str, str]]:
        self.load_lookups()
        self.load_units()
        # People before successions: positions are recorded while the units are open.
        self.load_people()
        # Tam Điệp's petitions of 2021H1 before its reports are sent (counted from them).
        self.load_petitions(history=True)
        # Tam Điệp's Tết Tân Sửu 2021 gifts before its reports are sent.  # welfare
        self.load_welfare(history=True)  # welfare
        # Figures, meetings, documents and tasks of the district era are recorded while
        # those units are open too; the successions then close them, read-only.
        self.load_reporting()
        self.load_meetings()
        # The seeds' awards, presented at those meetings (danvan.demo.awards_loader).
        self.load_awards()
        # Numbering and Hoàng Mai's 2023 reports (documents out) while the units are open.
        self.load_drafting()
        self.load_successions()
        self.load_users()
        # Today's petitions before today's reports are sent (danvan.demo.petitions_loader).
        self.load_petitions(history=False)
        self.load_welfare(history=False)  # welfare
        self.tally.update(load_democracy(self.progress))  # democracy, before the reports
        # Today's structure at work, dated relative to the day of the load: reports,
        # giao ban, tasks and numbering of the new wards and the city board
        # (danvan.demo.current_loader). After the users: they submit and approve.
        # religion: today's religious affairs register before today's reports are sent
        # (counted from it); its pagoda is linked to a «Dân vận khéo» model once the
        # models are there (danvan.demo.religion_loader).
        self.load_religion()
        self.tally.update(load_supervision(self.progress))  # supervision (before the reports)
        self.load_current()
        # Letters of today's petitions, numbered after today's documents took theirs.
        from danvan.demo.petitions_loader import load_letters

        for key, count in load_letters(self.progress).items():
            self.tally[key] += count
        self.load_religion(link=True)  # religion
        # Giấy khen for recognised models of today's wards, once the models are there.
        for status, count in load_model_awards(self.progress).items():
            self.tally["khen thưởng", status] += count
        # Articles brought in as text, one in each state (danvan.demo.textimport_loader).
        from danvan.demo.textimport_loader import load_imports

        self.tally.update(load_imports(self.progress))
        return self.tally

    # --- lookup tables ---------------------------------------------------------------

    def load_lookups(self) -> None:
        self.progress("Danh mục cấp, loại đơn vị, loại tổ chức…")
        for code, rank, name, valid_to in data.LEVELS:
            status = _upsert(OrgLevel, code, {"rank": rank, "name": name, "valid_to": valid_to})
            self.tally["danh mục", status] += 1
        for order, (code, name, is_place) in enumerate(data.UNIT_KINDS):
            values = {"name": name, "is_place": is_place, "sort_order": order}
            self.tally["danh mục", _upsert(UnitKind, code, values)] += 1
        for order, (code, name, short, board) in enumerate(data.ORGANISATION_KINDS):
            values = {
                "name": name,
                "short_name": short,
                "is_coordinating_board": board,
                "sort_order": order,
            }
            self.tally["danh mục", _upsert(OrganisationKind, code, values)] += 1

    # --- org units -------------------------------------------------------------------

    def load_units(self) -> None:
        specs = unit_specs()
        levels = {row.code: row for row in OrgLevel.objects.all()}
        kinds = {row.code: row for row in UnitKind.objects.all()}
        organisation_kinds = {row.code: row for row in OrganisationKind.objects.all()}
        wanted = [spec.code for spec in specs]
        self.units = {
            unit.code: unit
            for unit in OrgUnit.objects.filter(code__in=wanted).select_related("level", "kind")
        }
        self.progress(f"Đơn vị: {len(specs)} trong dữ liệu, {len(self.units)} đã có…")
        for done, spec in enumerate(specs, start=1):
            if spec.code in self.units:
                self.tally["đơn vị", KEPT] += 1
            else:
                parent = self.units[spec.parent] if spec.parent else None
                if parent is not None and parent.is_historical:
                    # A closed unit takes no new children; the data changed after a load.
                    self.progress(f"  bỏ qua {spec.code}: «{parent.name}» đã ngừng hoạt động")
                    self.tally["đơn vị", SKIPPED] += 1
                    continue
                self.units[spec.code] = org_unit_create(
                    actor=SYSTEM,
                    parent=parent,
                    name=spec.name,
                    code=spec.code,
                    level=levels[spec.level],
                    kind=kinds[spec.kind],
                    organisation_kind=organisation_kinds.get(spec.organisation_kind or ""),
                    valid_from=spec.valid_from,
                    note=spec.note,
                )
                self.tally["đơn vị", CREATED] += 1
            if done % 100 == 0 or done == len(specs):
                self.progress(f"  đơn vị {done}/{len(specs)}")

    # --- successions -----------------------------------------------------------------

    def load_successions(self) -> None:
        self.progress("Kế thừa đơn vị (đổi tên, chia tách từ 01/7/2025)…")
        for old, new, effective_date, decision in data.RENAMES:
            self._succeed(old, [new], effective_date, decision, OrgUnitSuccession.Kind.RENAME)
        successors: dict[str, list[str]] = {}
        decisions: dict[str, str] = {}
        for province, name, predecessors in data.NEW_WARDS:
            for old in predecessors:
                successors.setdefault(old, []).append(new_ward_code(province, name))
                decisions[old] = data.DECISIONS[province]
        for old, targets in successors.items():
            self._succeed(
                old, targets, data.TWO_TIER_START, decisions[old], OrgUnitSuccession.Kind.SPLIT
            )

    def _succeed(
        self, old: str, new: list[str], effective_date: dt.date, decision: str, kind: str
    ) -> None:
        source = self.units[old]
        targets = [self.units[code] for code in new]
        linked = set(
            OrgUnitSuccession.objects.filter(predecessor=source).values_list(
                "successor_id", flat=True
            )
        )
        if all(target.pk in linked for target in targets):
            self.tally["kế thừa", KEPT] += len(targets)
            return
        if linked:
            self.progress(f"  bỏ qua {old}: đã có liên kết kế thừa khác với dữ liệu mẫu")
            self.tally["kế thừa", SKIPPED] += len(targets)
            return
        org_unit_succeed(
            actor=SYSTEM,
            sources=[source],
            targets=targets,
            effective_date=effective_date,
            decision=decision,
            kind=kind,
        )
        self.tally["kế thừa", CREATED] += len(targets)

    # --- people ----------------------------------------------------------------------

    def load_people(self) -> None:
        people = data.PEOPLE + current_data.people_entries()
        self.progress(f"Cán bộ: {len(people)} người…")
        for entry in people:
            unit = self.units[entry["unit"]]
            person = Person.objects.filter(
                name_folded=fold(entry["full_name"]), org_unit=unit
            ).first()
            if person is None:
                person = person_create(
                    actor=SYSTEM,
                    org_unit=unit,
                    full_name=entry["full_name"],
                    gender=entry.get("gender", ""),
                    note=entry.get("note", ""),
                )
                self.tally["cán bộ", CREATED] += 1
            else:
                self.tally["cán bộ", KEPT] += 1
            for unit_code, title, term, source in entry["positions"]:
                self._position(
                    person,
                    self.units[unit_code],
                    title,
                    term,
                    source,
                    start_date=entry.get("start_date"),
                )

    def _position(
        self,
        person: Person,
        unit: OrgUnit,
        title: str,
        term: str,
        source: str,
        start_date: dt.date | None = None,
    ) -> None:
        title = normalize_spaces(title)
        if Position.objects.filter(person=person, org_unit=unit, title=title).exists():
            self.tally["chức vụ", KEPT] += 1
            return
        position_create(
            actor=SYSTEM,
            person=person,
            org_unit=unit,
            title=title,
            term=term,
            source=data.SOURCES[source],
            start_date=start_date,
        )
        self.tally["chức vụ", CREATED] += 1

    # --- demo users ------------------------------------------------------------------

    def load_users(self) -> None:
        self.progress(f"Tài khoản trình diễn: {len(current_data.DEMO_USERS)}…")
        for username, full_name, role, unit_code, admin, person_unit in current_data.DEMO_USERS:
            user = self._user(username, full_name, admin)
            wanted = {(Role(role).value, self.units[unit_code].pk)}
            for extra, extra_unit in current_data.EXTRA_ROLES.get(username, []):
                wanted.add((Role(extra).value, self.units[extra_unit].pk))
            self._roles(user, wanted)
            if person_unit is not None:
                self._link_person(user, full_name, self.units[person_unit])

    def _link_person(self, user: Any, full_name: str, unit: OrgUnit) -> None:
        """The user's Person record (written by load_people) is linked to the account
        when the user model has the link (added with the users' management pages)."""
        if not any(field.name == "person" for field in user._meta.get_fields()):
            return
        person = Person.objects.filter(name_folded=fold(full_name), org_unit=unit).first()
        if person is not None and user.person_id != person.pk:
            user.person = person
            user.save(update_fields=["person"])
            self.tally["tài khoản", UPDATED] += 1

    def _user(self, username: str, full_name: str, admin: bool) -> Any:
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        created = user is None
        if user is None:
            user = user_model(username=username)
        values = {
            "full_name": full_name,
            "email": f"{username}@{current_data.DEMO_EMAIL_DOMAIN}",
            "is_demo": True,
            "is_active": True,
            "is_staff": admin,
            "is_superuser": admin,
        }
        changed = [field for field, value in values.items() if getattr(user, field) != value]
        for field in changed:
            setattr(user, field, values[field])
        if created or not user.check_password(current_data.DEMO_PASSWORD):
            user.set_password(current_data.DEMO_PASSWORD)
            changed.append("password")
        if created:
            user.save()
        elif changed:
            user.save(update_fields=changed)
        status = CREATED if created else UPDATED if changed else KEPT
        self.tally["tài khoản", status] += 1
        return user

    def _roles(self, user: Any, wanted: set[tuple[str, int]]) -> None:
        """The demo user holds exactly the roles of the data; others are withdrawn."""
        held = {(row.role, row.org_unit_id): row for row in user.role_assignments.all()}
        for key, row in held.items():
            if key not in wanted:
                row.delete()
                self.tally["phân quyền", REVOKED] += 1
        for role, unit_id in sorted(wanted - held.keys()):
            RoleAssignment.objects.create(user=user, role=role, org_unit_id=unit_id)
            self.tally["phân quyền", CREATED] += 1
        self.tally["phân quyền", KEPT] += len(wanted & held.keys())

    # --- reporting figures (danvan.demo.reporting_data) ------------------------------

    def load_reporting(self) -> None:
        """The seeds' figures and two years of monthly reports, through the services."""
        for status, count in load_figures(self.progress).items():
            self.tally["báo cáo", status] += count

    def load_meetings(self) -> None:
        for status, count in MeetingsLoader(self.progress).run().items():
            self.tally["hội nghị, văn bản", status] += count

    def load_awards(self) -> None:
        for status, count in load_awards(self.progress).items():
            self.tally["khen thưởng", status] += count

    def load_petitions(self, *, history: bool) -> None:
        from danvan.demo import petitions_loader

        run = petitions_loader.load_tam_diep if history else petitions_loader.load_current
        for key, count in run(self.progress).items():
            self.tally[key] += count

    def load_religion(self, *, link: bool = False) -> None:  # religion
        from danvan.demo import religion_loader

        run = religion_loader.link_model if link else religion_loader.load_current
        for key, count in run(self.progress).items():
            self.tally[key] += count

    def load_welfare(self, *, history: bool) -> None:  # welfare
        from danvan.demo import welfare_loader

        run = welfare_loader.load_tam_diep if history else welfare_loader.load_current
        for key, count in run(self.progress).items():
            self.tally[key] += count

    def load_current(self) -> None:
        for key, count in CurrentLoader(self.progress).run().items():
            self.tally[key] += count

    def load_drafting(self) -> None:
        """Issuers' numbering and Hoàng Mai's reports of 2023 (danvan.demo.drafting_data)."""
        for key, count in load_drafting(self.progress).items():
            self.tally[key] += count


def summary(tally: Counter[tuple[str, str]]) -> str:
    """One line: "đơn vị 812 tạo mới; cán bộ 17 giữ nguyên; ..." in a fixed order."""
    parts = []
    for category in CATEGORIES:
        counts = [
            f"{tally[category, status]} {status}" for status in STATUSES if tally[category, status]
        ]
        if counts:
            parts.append(f"{category}: {', '.join(counts)}")
    return "; ".join(parts)
