"""Roles and what each one may do. A role is held in an org unit and reaches its subtree."""

from __future__ import annotations

from enum import StrEnum

from django.db import models


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", "Quản trị hệ thống"
    BOARD_STAFF = "board_staff", "Cán bộ Ban (chuyên viên)"
    UNIT_LEADER = "unit_leader", "Lãnh đạo đơn vị"
    UNIT_REPORTER = "unit_reporter", "Cán bộ nhập liệu đơn vị"
    VIEWER = "viewer", "Người xem"
    PORTAL_EDITOR = "portal_editor", "Biên tập viên cổng thông tin"
    PORTAL_MODERATOR = "portal_moderator", "Kiểm duyệt viên cổng thông tin"
    PETITION_OFFICER = "petition_officer", "Cán bộ tiếp công dân, xử lý đơn"


class Cap(StrEnum):
    """Capabilities: what a page or endpoint asks for, never a role name."""

    ORG_VIEW = "org.view"
    ORG_MANAGE = "org.manage"
    PEOPLE_VIEW = "people.view"
    PEOPLE_MANAGE = "people.manage"
    AUDIT_VIEW = "audit.view"
    # Users and roles (/quan-ly/nguoi-dung/): list the users of one's subtree, create them,
    # grant and withdraw roles no wider than one's own (danvan/access/grants.py).
    USERS_MANAGE = "users.manage"
    # Granting roles that themselves carry USERS_MANAGE (appointing another user manager).
    USERS_DELEGATE = "users.delegate"
    REPORT_VIEW = "report.view"
    REPORT_ENTER = "report.enter"
    REPORT_SUBMIT = "report.submit"
    REPORT_APPROVE = "report.approve"
    MEETING_VIEW = "meeting.view"
    MEETING_MANAGE = "meeting.manage"
    TASK_VIEW = "task.view"
    TASK_UPDATE = "task.update"
    TASK_MANAGE = "task.manage"
    DOCUMENT_VIEW = "document.view"
    DOCUMENT_MANAGE = "document.manage"
    # Replacing the docxtpl templates of official documents: system administrators only.
    TEMPLATE_MANAGE = "template.manage"
    PORTAL_EDIT = "portal.edit"
    PORTAL_PUBLISH = "portal.publish"
    # "Dân vận khéo" (danvan/emulation/workflow.py has the table of moves): a unit's
    # reporter registers models and posts their progress; its leader and the board check,
    # follow and evaluate them, and launch campaigns; recognition is asked at the unit of
    # the recognising level (the ward for cơ sở, the province for tỉnh).
    EMULATION_VIEW = "emulation.view"
    EMULATION_REGISTER = "emulation.register"
    EMULATION_REVIEW = "emulation.review"
    EMULATION_RECOGNISE = "emulation.recognise"
    EMULATION_CAMPAIGN = "emulation.campaign"
    # Khen thưởng (danvan.awards): the register of award decisions and their danh sách.
    AWARD_VIEW = "award.view"
    AWARD_MANAGE = "award.manage"
    # Citizen reception and petitions (danvan/petitions): the most sensitive personal data,
    # held only by designated roles (never part of _READ).
    PETITION_VIEW = "petition.view"
    PETITION_MANAGE = "petition.manage"
    # religion: công tác tôn giáo (danvan/religion). VIEW reads the registers (a figure's
    # name masked, no phone); MANAGE keeps them and sees a figure's personal data;
    # SENSITIVE alone sees the situations followed (tình hình cần theo dõi).
    RELIGION_VIEW = "religion.view"
    RELIGION_MANAGE = "religion.manage"
    RELIGION_SENSITIVE = "religion.sensitive"
    # An sinh xã hội (danvan/welfare): campaigns and totals for every reader; the names of
    # beneficiaries and the entry of gifts for the Front and organisation officers of the
    # unit (its leader and reporter), never the board's readers.  # welfare
    WELFARE_VIEW = "welfare.view"  # welfare
    WELFARE_MANAGE = "welfare.manage"  # welfare
    # supervision: giám sát, phản biện xã hội, góp ý xây dựng Đảng, chính quyền
    # (danvan/supervision). VIEW reads the programmes, activities and recommendations;
    # MANAGE keeps them (plans, moves, records the answers received).
    SUPERVISION_VIEW = "supervision.view"
    SUPERVISION_MANAGE = "supervision.manage"
    # democracy: thực hiện dân chủ ở cơ sở (danvan/democracy). VIEW reads the registers;
    # MANAGE keeps a unit's disclosures, matters decided, consultations and oversight.
    DEMOCRACY_VIEW = "democracy.view"
    DEMOCRACY_MANAGE = "democracy.manage"


_READ = {
    Cap.ORG_VIEW,
    Cap.PEOPLE_VIEW,
    Cap.REPORT_VIEW,
    Cap.MEETING_VIEW,
    Cap.TASK_VIEW,
    Cap.DOCUMENT_VIEW,
    Cap.EMULATION_VIEW,
    Cap.AWARD_VIEW,
    Cap.WELFARE_VIEW,  # welfare
}
# Reporting (DESIGN.md "Access"): the reporter enters its unit's figures; the leader also
# submits, and approves the units under it (approval is checked on the parent unit).
_ENTER = {Cap.REPORT_ENTER}
_LEAD = {Cap.REPORT_ENTER, Cap.REPORT_SUBMIT, Cap.REPORT_APPROVE}
# Meetings, tasks, documents: a unit's leader and the board organise meetings, assign
# tasks and keep the register; the reporter posts progress on its unit's tasks.
_ORGANISE = {Cap.MEETING_MANAGE, Cap.TASK_MANAGE, Cap.TASK_UPDATE, Cap.DOCUMENT_MANAGE}
_EMULATION_LEAD = {
    Cap.EMULATION_REGISTER,
    Cap.EMULATION_REVIEW,
    Cap.EMULATION_RECOGNISE,
    Cap.EMULATION_CAMPAIGN,
}
# Awards: a unit's leader and the board record their unit's decisions.
_ORGANISE |= {Cap.AWARD_MANAGE}
# A unit leader keeps its unit's people and positions (a new ward must be able to list
# whom it invites) and adds reporters and viewers for its subtree; the board also
# appoints leaders and other board staff (USERS_DELEGATE).
_STAFF_UNIT = {Cap.PEOPLE_MANAGE, Cap.USERS_MANAGE}

ROLE_CAPS: dict[str, frozenset[Cap]] = {
    Role.SYSTEM_ADMIN: frozenset(Cap),
    Role.BOARD_STAFF: frozenset(
        _READ
        | _LEAD
        | _ORGANISE
        | _STAFF_UNIT
        | _EMULATION_LEAD
        | {Cap.ORG_MANAGE, Cap.USERS_DELEGATE}
    ),
    Role.UNIT_LEADER: frozenset(_READ | _LEAD | _ORGANISE | _STAFF_UNIT | _EMULATION_LEAD),
    Role.UNIT_REPORTER: frozenset(_READ | _ENTER | {Cap.TASK_UPDATE, Cap.EMULATION_REGISTER}),
    Role.VIEWER: frozenset(_READ),
    # Portal staff read their unit's meetings: the news of a giao ban is written from it
    # ("Tạo bài viết" on the meeting page).
    Role.PORTAL_EDITOR: frozenset({Cap.PORTAL_EDIT, Cap.MEETING_VIEW}),
    Role.PORTAL_MODERATOR: frozenset({Cap.PORTAL_EDIT, Cap.PORTAL_PUBLISH, Cap.MEETING_VIEW}),
    # Designated by name (Luật Tiếp công dân: the reception officer): board staff and unit
    # leaders do not read petitions by default; a user who does the work gets this role
    # too. It reads the units (to forward) and keeps its unit's register of documents:
    # its letters (phiếu chuyển, thông báo thụ lý…) take their numbers there.
    Role.PETITION_OFFICER: frozenset(
        {
            Cap.PETITION_VIEW,
            Cap.PETITION_MANAGE,
            Cap.ORG_VIEW,
            Cap.DOCUMENT_VIEW,
            Cap.DOCUMENT_MANAGE,
        }
    ),
}

# welfare: a unit's leader and reporter (the Front's and each organisation's officers) keep
# their unit's gift lists and see the names; board staff and viewers read totals, masked.
for _role in (Role.UNIT_LEADER, Role.UNIT_REPORTER):  # welfare
    ROLE_CAPS[_role] = ROLE_CAPS[_role] | {Cap.WELFARE_MANAGE}  # welfare


# religion: every reader of the registers reads the places and events; board staff and a
# unit's leader keep them; only a unit's leader (the head of the board or of the ward's
# committee) follows the sensitive situations (system administrators hold every cap).
for _role in (Role.BOARD_STAFF, Role.UNIT_LEADER, Role.UNIT_REPORTER, Role.VIEWER):
    ROLE_CAPS[_role] = ROLE_CAPS[_role] | {Cap.RELIGION_VIEW}
for _role in (Role.BOARD_STAFF, Role.UNIT_LEADER):
    ROLE_CAPS[_role] = ROLE_CAPS[_role] | {Cap.RELIGION_MANAGE}
ROLE_CAPS[Role.UNIT_LEADER] = ROLE_CAPS[Role.UNIT_LEADER] | {Cap.RELIGION_SENSITIVE}

# democracy: every reader of the registers reads them; board staff, a unit's leader and
# its reporter (who keeps the ward's disclosures) keep them, as with emulation registration.
for _role in (Role.BOARD_STAFF, Role.UNIT_LEADER, Role.UNIT_REPORTER, Role.VIEWER):
    ROLE_CAPS[_role] = ROLE_CAPS[_role] | {Cap.DEMOCRACY_VIEW}
for _role in (Role.BOARD_STAFF, Role.UNIT_LEADER, Role.UNIT_REPORTER):
    ROLE_CAPS[_role] = ROLE_CAPS[_role] | {Cap.DEMOCRACY_MANAGE}


# supervision: every reader reads the register; board staff, a unit's leader and its
# reporter (the Front's officer who keeps the programme) keep it.
for _role in (Role.BOARD_STAFF, Role.UNIT_LEADER, Role.UNIT_REPORTER, Role.VIEWER):
    ROLE_CAPS[_role] = ROLE_CAPS[_role] | {Cap.SUPERVISION_VIEW}
for _role in (Role.BOARD_STAFF, Role.UNIT_LEADER, Role.UNIT_REPORTER):
    ROLE_CAPS[_role] = ROLE_CAPS[_role] | {Cap.SUPERVISION_MANAGE}


def roles_with(cap: Cap) -> list[str]:
    return [role for role, caps in ROLE_CAPS.items() if cap in caps]
