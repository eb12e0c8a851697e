"""Demo petitions register (issue 15 §9), as records written through the services.

- History, seed 002: Thành phố Tam Điệp, 6 tháng đầu năm 2021 — «tiếp 117 citizens công dân,
  đã giải quyết 08/24 đơn, 16 đơn đang tiếp tục xem xét». Each of the 9 xã, phường gets
  the reception sessions and petitions of its row in ``reporting_data.TAM_DIEP_2021H1``:
  its citizens as citizens received (Trung Sơn received one group of five), its đơn, of which
  the resolved ones are answered before 30/6/2021 and the others accepted and answered in
  the second half of the year. Written before the reports of 2021H1 are sent, so their
  figures are counted from these records. Tam Điệp kept the register for those six months
  only (``RegisterUse``): its other months stay typed.
- Today, dated from ``clock.today()``: Phường Định Công's Ủy ban MTTQ and UBND, with weekly
  reception sessions, petitions in every stage (some due within days, one overdue), one
  forwarded from the ward's Front to its UBND and answered (the reply on both entries),
  one sent to a body outside the system awaiting its reply, one confirmed duplicate, one
  proposed duplicate, an anonymous one, and a batch of voter opinions with a joint reply.

Petitioners are invented: every entry's first step says so («Dữ liệu trình diễn»).
Safe to run twice: a unit whose window already holds records is left as it is.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model

from danvan.access.system import SYSTEM
from danvan.core import clock
from danvan.demo.reporting_data import TAM_DIEP, TAM_DIEP_2021H1
from danvan.org.models import OrgUnit
from danvan.petitions import reception, services
from danvan.petitions.figures import USE
from danvan.petitions.models import (
    Forwarding,
    Petition,
    ReceptionSession,
    StageEntry,
)
from danvan.reporting.models import RegisterUse

DEMO = "Dữ liệu trình diễn: người đứng đơn là nhân vật hư cấu."
TALLY = "đơn thư"
CURRENT_SINCE = dt.date(2025, 7, 1)
TAM_DIEP_WINDOW = (dt.date(2021, 1, 1), dt.date(2021, 6, 30))
WARD = "HN-DINHCONG"

_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
_MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Thanh", "Ngọc"]
_GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Lan", "Long", "Mai", "Nam", "Tâm"]
_MATTERS = [
    ("kien_nghi", "Đề nghị cấp giấy chứng nhận quyền sử dụng đất thửa số {n}, tờ bản đồ {m}"),
    ("khieu_nai", "Khiếu nại quyết định thu hồi đất và mức bồi thường, hỗ trợ thửa số {n}"),
    ("kien_nghi", "Phản ánh đường giao thông thôn {m} xuống cấp, đề nghị sửa chữa"),
    ("kien_nghi", "Đề nghị xem xét chế độ chính sách người có công với cách mạng"),
    ("khieu_nai", "Khiếu nại việc xét hộ nghèo, hộ cận nghèo năm 2021"),
    ("kien_nghi", "Phản ánh ô nhiễm môi trường do cơ sở chăn nuôi tại tổ {m}"),
]


def _name(seed: int) -> str:
    return (
        f"{_FAMILY[seed % len(_FAMILY)]} {_MIDDLE[(seed // 3) % len(_MIDDLE)]} "
        f"{_GIVEN[(seed // 7) % len(_GIVEN)]}"
    )


def _weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _use(unit: OrgUnit, since: dt.date, until: dt.date | None, note: str) -> str:
    _row, created = RegisterUse.objects.get_or_create(
        register=USE, org_unit=unit, defaults={"since": since, "until": until, "note": note}
    )
    return "tạo mới" if created else "giữ nguyên"


def register_use(tally: Counter[tuple[str, str]]) -> None:
    """Where the demo's figures come from records: today's structure from 01/7/2025, Tam
    Điệp for the seed's six months; history elsewhere stays typed."""
    for code in ("HN", "NB", "HCM"):
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is not None:
            status = _use(unit, CURRENT_SINCE, None, "Dữ liệu trình diễn: cơ cấu từ 01/7/2025.")
            tally[TALLY, status] += 1
    tam_diep = OrgUnit.all_objects.get(code=TAM_DIEP)
    note = "Dữ liệu trình diễn: sổ đơn thư 6 tháng đầu năm 2021 (bài viết 002)."
    tally[TALLY, _use(tam_diep, *TAM_DIEP_WINDOW, note)] += 1


# --- Tam Điệp 2021H1 ------------------------------------------------------------------


def _ward_sessions(ward: OrgUnit, index: int, citizens: int) -> None:
    """The ward's citizens received over six months: a periodic session each month, the
    citizens spread over them; Trung Sơn also received a group of five (one citizens each)."""
    months = 6
    group = 5 if ward.code.endswith("TRUNGSON") else 0
    people = citizens - group
    per = [people // months + (1 if m < people % months else 0) for m in range(months)]
    for month in range(months):
        held = _weekday_on_or_after(dt.date(2021, month + 1, 10 + index % 5))
        session = reception.session_create(
            actor=SYSTEM,
            org_unit=ward,
            held_on=held,
            kind=ReceptionSession.Kind.PERIODIC,
            host=f"Chủ tịch UBND {ward.name[0].lower()}{ward.name[1:]}",
            note=DEMO,
        )
        for n in range(per[month]):
            seed = index * 100 + month * 10 + n
            reception.visit_add(
                actor=SYSTEM,
                session=session,
                full_name=_name(seed),
                address=f"{ward.name}, thành phố Tam Điệp",
                raised=_MATTERS[seed % 6][1].format(n=seed % 90 + 10, m=seed % 9 + 1),
                answered="Giải thích chính sách, hướng dẫn công dân gửi đơn đến cơ quan có "
                "thẩm quyền.",
            )
        if group and month == 3:
            reception.visit_add(
                actor=SYSTEM,
                session=session,
                full_name=_name(index * 100 + 99),
                address=f"{ward.name}, thành phố Tam Điệp",
                group_size=group,
                raised="Đoàn 5 hộ dân kiến nghị về bồi thường giải phóng mặt bằng dự án đường",
                answered="Tiếp nhận, chuyển bộ phận chuyên môn xem xét, trả lời bằng văn bản.",
            )


def _ward_petitions(ward: OrgUnit, index: int, received: int, resolved: int) -> None:
    for n in range(received):
        seed = index * 10 + n
        kind, matter = _MATTERS[seed % len(_MATTERS)]
        got = _weekday_on_or_after(dt.date(2021, 1 + n % 5, 4 + (seed * 3) % 20))
        petition = services.petition_create(
            actor=SYSTEM,
            org_unit=ward,
            received_on=got,
            channel="tiep_dan" if n % 2 else "buu_dien",
            subject=matter.format(n=seed + 11, m=seed % 9 + 1),
            petitioners=[
                {"full_name": _name(seed + 500), "address": f"{ward.name}, thành phố Tam Điệp"}
            ],
        )
        StageEntry.objects.filter(petition=petition).update(note=f"Vào sổ. {DEMO}")
        step = got + dt.timedelta(days=3)
        services.petition_classify(
            actor=SYSTEM,
            petition=petition,
            kind=kind,
            eligible=True,
            competent=True,
            on=step,
        )
        accepted = step + dt.timedelta(days=4)
        services.petition_accept(actor=SYSTEM, petition=petition, on=accepted)
        if n < resolved:
            done = min(accepted + dt.timedelta(days=20), dt.date(2021, 6, 25))
        else:  # still under consideration on 30/6/2021, answered in the second half
            services.petition_move(
                actor=SYSTEM,
                petition=petition,
                to="xac_minh",
                on=max(accepted, dt.date(2021, 6, 1)),
                note="Xác minh thực địa, làm việc với các hộ liền kề.",
            )
            done = dt.date(2021, 8, 10) + dt.timedelta(days=n)
        services.petition_move(actor=SYSTEM, petition=petition, to="giai_quyet", on=done)
        services.petition_move(
            actor=SYSTEM,
            petition=petition,
            to="tra_loi",
            on=done,
            note="Đã trả lời công dân bằng văn bản; công dân đồng ý với kết quả giải quyết.",
        )


def load_tam_diep(progress: Callable[[str], None]) -> Counter[tuple[str, str]]:
    """Before the 2021H1 reports are sent (their figures are counted from this)."""
    tally: Counter[tuple[str, str]] = Counter()
    progress("Đơn thư: Tam Điệp 6 tháng đầu năm 2021 (117 lượt, 24 đơn)…")
    register_use(tally)
    units = {u.code: u for u in OrgUnit.all_objects.filter(code__in=list(TAM_DIEP_2021H1))}
    start, end = TAM_DIEP_WINDOW
    for index, (code, row) in enumerate(sorted(TAM_DIEP_2021H1.items())):
        ward = units[code]
        if Petition.all_objects.filter(org_unit=ward, received_on__range=(start, end)).exists():
            tally[TALLY, "giữ nguyên"] += 1
            continue
        _ward_sessions(ward, index, int(row["TIEP_CONG_DAN"]))
        _ward_petitions(ward, index, int(row["DON_NHAN"]), int(row["DON_GIAI_QUYET"]))
        tally[TALLY, "tạo mới"] += 1
    return tally


# --- today's ward ----------------------------------------------------------------------


def _user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def load_current(progress: Callable[[str], None]) -> Counter[tuple[str, str]]:
    from danvan.demo import current_petitions

    tally: Counter[tuple[str, str]] = Counter()
    progress("Đơn thư: phường Định Công, theo ngày hôm nay…")
    register_use(tally)
    front = OrgUnit.objects.get(code=f"{WARD}-MTTQ")
    if Petition.objects.filter(
        org_unit__path__startswith=OrgUnit.objects.get(code=WARD).path
    ).exists():
        tally[TALLY, "giữ nguyên"] += 1
        return tally
    current_petitions.write(
        today=clock.today(),
        front=front,
        committee=OrgUnit.objects.get(code=f"{WARD}-UBND"),
        front_officer=_user("demo_tiepdan"),
        committee_officer=_user("demo_tiepdan_ubnd"),
    )
    tally[TALLY, "tạo mới"] += 1
    return tally


def load_letters(progress: Callable[[str], None]) -> Counter[tuple[str, str]]:
    """Letters of today's Định Công petitions, numbered in the registers once today's
    documents are there: the UBND's thông báo thụ lý of a khiếu nại, the Front's phiếu
    hướng dẫn and its phiếu chuyển đơn to the UBND, dated when each happened."""
    from danvan.petitions import paperwork
    from danvan.petitions.models import Letter, LetterKind, Stage

    tally: Counter[tuple[str, str]] = Counter()
    ward = OrgUnit.objects.get(code=WARD)
    mine = Petition.objects.filter(org_unit__path__startswith=ward.path)
    if Letter.objects.filter(petition__in=mine).exists():
        tally[TALLY, "giữ nguyên"] += 1
        return tally
    progress("Đơn thư: văn bản về đơn (thông báo thụ lý, phiếu hướng dẫn, phiếu chuyển)…")
    front, committee = _user("demo_tiepdan"), _user("demo_tiepdan_ubnd")
    accepted = mine.filter(
        org_unit__code=f"{WARD}-UBND", kind="khieu_nai", stage=Stage.ACCEPTED
    ).first()
    if accepted is not None and accepted.accepted_on is not None:
        paperwork.letter_issue(
            actor=committee, petition=accepted, kind=LetterKind.ACCEPT, on=accepted.accepted_on
        )
        tally[TALLY, "tạo mới"] += 1
    guided = mine.filter(org_unit__code=f"{WARD}-MTTQ", stage=Stage.GUIDED).first()
    if guided is not None and guided.resolved_on is not None:
        paperwork.letter_issue(
            actor=front, petition=guided, kind=LetterKind.GUIDANCE, on=guided.resolved_on
        )
        tally[TALLY, "tạo mới"] += 1
    for forwarding in Forwarding.objects.filter(
        petition__in=mine, to_unit__isnull=False, letter__isnull=True
    ):
        paperwork.letter_issue(
            actor=front,
            petition=forwarding.petition,
            kind=LetterKind.FORWARD,
            forwarding=forwarding,
            on=forwarding.sent_on,
        )
        tally[TALLY, "tạo mới"] += 1
    return tally
