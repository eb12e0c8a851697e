"""Demo religious affairs register (issue 16 §4, §7), written through the services and
dated from ``clock.today()``: Phường Định Công with a pagoda (linked to a «Dân vận khéo»
model of the ward when the emulation demo has it), a Catholic parish church, a registered
Protestant group-worship point, a second pagoda suspended for restoration, dignitaries and
key followers (invented: «Dữ liệu trình diễn»), two festivals held this month (2.500 and
1.000 people), one the month before, two coming, one cancelled, and one situation being
followed. The ward keeps the register from 01/7/2025 (``RegisterUse`` «religion» on the
cities, like the petitions).

Safe to run twice: a ward that already holds places is left as it is.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

from danvan.access.system import SYSTEM
from danvan.core import clock
from danvan.emulation.models import EmulationModel
from danvan.org.models import OrgUnit
from danvan.religion import services
from danvan.religion.figures import USE
from danvan.religion.models import (
    EventState,
    FigureRole,
    OrgStatus,
    Place,
    PlaceKind,
    PlaceState,
    Religion,
)
from danvan.reporting.models import RegisterUse

DEMO = "Dữ liệu trình diễn: nhân vật hư cấu."
TALLY = "tôn giáo"
SINCE = dt.date(2025, 7, 1)
WARD = "HN-DINHCONG"
PAGODA = "Chùa Định Công"
LINKED_MODEL = "Bữa cơm nghĩa tình cho người cao tuổi neo đơn"


def register_use(tally: Counter[tuple[str, str]]) -> None:
    for code in ("HN", "NB", "HCM"):
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None:
            continue
        _row, created = RegisterUse.objects.get_or_create(
            register=USE,
            org_unit=unit,
            defaults={"since": SINCE, "note": "Dữ liệu trình diễn: cơ cấu từ 01/7/2025."},
        )
        tally[TALLY, "tạo mới" if created else "giữ nguyên"] += 1


def _religion(code: str) -> Religion:
    return Religion.objects.get(code=code)


def load_current(progress: Callable[[str], None]) -> Counter[tuple[str, str]]:
    tally: Counter[tuple[str, str]] = Counter()
    progress("Công tác tôn giáo: phường Định Công, theo ngày hôm nay…")
    register_use(tally)
    ward = OrgUnit.objects.filter(code=WARD).first()
    if ward is None:
        return tally
    if Place.all_objects.filter(org_unit__path__startswith=ward.path).exists():
        tally[TALLY, "giữ nguyên"] += 1
        return tally
    write(today=clock.today(), ward=ward)
    tally[TALLY, "tạo mới"] += 1
    return tally


def link_model(progress: Callable[[str], None]) -> Counter[tuple[str, str]]:
    """The ward's pagoda and its «Bữa cơm nghĩa tình» model of the emulation demo (loaded
    after the register: today's reports count the register first)."""
    tally: Counter[tuple[str, str]] = Counter()
    ward = OrgUnit.objects.filter(code=WARD).first()
    if ward is None:
        return tally
    pagoda = Place.objects.filter(name=PAGODA, org_unit__path__startswith=ward.path).first()
    model = EmulationModel.objects.filter(
        name=LINKED_MODEL, unit__path__startswith=ward.path
    ).first()
    if pagoda is None or model is None or pagoda.emulation_model_id == model.pk:
        tally[TALLY, "giữ nguyên"] += 1
        return tally
    services.place_update(actor=SYSTEM, place=pagoda, emulation_model=model)
    tally[TALLY, "cập nhật"] += 1
    return tally


def _area(ward: OrgUnit, number: int) -> OrgUnit:
    return OrgUnit.objects.filter(code=f"{ward.code}-TDP{number:02d}").first() or ward


def write(*, today: dt.date, ward: OrgUnit) -> None:
    actor = SYSTEM
    month_start = today.replace(day=1)
    last_month = (month_start - dt.timedelta(days=1)).replace(day=15)
    parish = services.organisation_create(
        actor=actor,
        org_unit=ward,
        name="Giáo xứ Định Công",
        religion=_religion("cong-giao"),
        status=OrgStatus.REGISTERED,
        address="Tổ dân phố số 2, phường Định Công",
        note=DEMO,
    )
    protestant = services.organisation_create(
        actor=actor,
        org_unit=ward,
        name="Chi hội Tin lành Định Công (Hội thánh Tin lành Việt Nam miền Bắc)",
        religion=_religion("tin-lanh"),
        status=OrgStatus.RECOGNISED,
        note=DEMO,
    )
    pagoda = services.place_create(
        actor=actor,
        org_unit=_area(ward, 1),
        name=PAGODA,
        kind=PlaceKind.WORSHIP,
        religion=_religion("phat-giao"),
        address="Ngõ 6 phố Định Công Thượng, tổ dân phố số 1, phường Định Công",
        followers=650,
        note="Nhà chùa duy trì bếp ăn «Bữa cơm nghĩa tình» mỗi tối thứ Bảy. " + DEMO,
    )
    church = services.place_create(
        actor=actor,
        org_unit=_area(ward, 2),
        name="Nhà thờ giáo xứ Định Công",
        kind=PlaceKind.WORSHIP,
        religion=_religion("cong-giao"),
        organisation=parish,
        address="Tổ dân phố số 2, phường Định Công",
        followers=1200,
        note=DEMO,
    )
    point = services.place_create(
        actor=actor,
        org_unit=_area(ward, 3),
        name="Điểm nhóm Tin lành tổ dân phố số 3",
        kind=PlaceKind.GROUP,
        religion=_religion("tin-lanh"),
        organisation=protestant,
        address="Nhà văn hóa tổ dân phố số 3, phường Định Công",
        decision_ref="125/TB-UBND",
        decision_on=today - dt.timedelta(days=200),
        followers=35,
        note="Sinh hoạt sáng Chủ nhật hằng tuần theo văn bản chấp thuận. " + DEMO,
    )
    small = services.place_create(
        actor=actor,
        org_unit=_area(ward, 4),
        name="Chùa Định Công Hạ",
        kind=PlaceKind.WORSHIP,
        religion=_religion("phat-giao"),
        address="Tổ dân phố số 4, phường Định Công",
        followers=120,
        note=DEMO,
    )
    for unit, name, role, title, place, phone in [
        (
            pagoda.org_unit,
            "Thích Minh Tâm",
            FigureRole.DIGNITARY,
            "Đại đức, trụ trì",
            pagoda,
            "0912 000 101",
        ),
        (
            church.org_unit,
            "Giuse Nguyễn Văn Phúc",
            FigureRole.DIGNITARY,
            "Linh mục chính xứ",
            church,
            "0912 000 102",
        ),
        (church.org_unit, "Trần Văn Lộc", FigureRole.OFFICIAL, "Trưởng ban hành giáo", church, ""),
        (
            point.org_unit,
            "Lê Văn Thành",
            FigureRole.OFFICIAL,
            "Người phụ trách điểm nhóm",
            point,
            "0912 000 104",
        ),
        (
            pagoda.org_unit,
            "Nguyễn Thị Hòa",
            FigureRole.KEY_FOLLOWER,
            "Phật tử, Chi hội trưởng Chi hội Phụ nữ",
            pagoda,
            "",
        ),
    ]:
        services.figure_create(
            actor=actor,
            org_unit=unit,
            full_name=name,
            role=role,
            title=title,
            place=place,
            phone=phone,
            note=DEMO,
        )
    events = [
        # (place, name, start, days, expected, actual or None, state)
        (pagoda, "Lễ hội chùa Định Công", month_start, 2, 2000, 2500, EventState.HELD),
        (church, "Thánh lễ mừng bổn mạng giáo xứ", month_start, 1, 800, 1000, EventState.HELD),
        (
            pagoda,
            "Lễ cầu siêu tưởng niệm các anh hùng liệt sĩ",
            last_month,
            1,
            300,
            400,
            EventState.HELD,
        ),
        (
            pagoda,
            "Đại lễ cầu quốc thái dân an",
            today + dt.timedelta(days=10),
            1,
            1500,
            None,
            EventState.PLANNED,
        ),
        (
            church,
            "Thánh lễ tạ ơn cuối năm",
            today + dt.timedelta(days=20),
            1,
            900,
            None,
            EventState.PLANNED,
        ),
        (
            small,
            "Khóa tu một ngày cho thanh thiếu niên",
            today + dt.timedelta(days=5),
            1,
            80,
            None,
            EventState.CANCELLED,
        ),
    ]
    for place, name, start, days, expected, actual, state in events:
        event = services.event_create(
            actor=actor,
            place=place,
            name=name,
            starts_on=start,
            ends_on=start + dt.timedelta(days=days - 1),
            expected_attendance=expected,
            note=DEMO,
        )
        if state == EventState.HELD:
            services.event_held(
                actor=actor,
                event=event,
                actual_attendance=actual,
                note="Diễn ra an toàn, đúng nội dung đăng ký. " + DEMO,
            )
        elif state == EventState.CANCELLED:
            services.event_cancel(
                actor=actor, event=event, note="Nhà chùa tạm dừng để tu bổ, tôn tạo. " + DEMO
            )
    services.place_set_state(
        actor=actor, place=small, state=PlaceState.SUSPENDED, on=today - dt.timedelta(days=3)
    )
    services.situation_create(
        actor=actor,
        org_unit=ward,
        place=point,
        noted_on=today - dt.timedelta(days=6),
        summary="Một số hộ liền kề nhà văn hóa tổ dân phố số 3 phản ánh điểm nhóm sinh hoạt "
        "thêm buổi tối ngoài lịch đã đăng ký. " + DEMO,
        assessment="Chưa phát sinh mâu thuẫn; Ban công tác Mặt trận tổ dân phố gặp người phụ "
        "trách điểm nhóm, đề nghị sinh hoạt đúng lịch đã chấp thuận.",
    )
