"""Demo grassroots-democracy register (issue 16 §2), written through the services and dated
from ``clock.today()``: Phường Định Công (HN-DINHCONG) and its tổ dân phố keep disclosures
in every state (draft, đang công khai, hết hạn, thu hồi), a hương ước of tổ dân phố số 1
voted and passed, a contribution not passed, a head's election planned, a quy ước
cancelled, a consultation closed (opinions taken up) and one open, an inspection-board
finding awaiting action and a community investment-monitoring finding resolved. Most of
the contents the law requires stay undisclosed: the year's checklist shows them missing.
Hà Nội, Ninh Bình and TP Hồ Chí Minh keep the register from 01/7/2025 (``RegisterUse``
«democracy»), like the petitions.

Safe to run twice: a ward that already holds disclosures is left as it is.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

from danvan.access.system import SYSTEM
from danvan.core import clock
from danvan.democracy import services
from danvan.democracy.figures import USE
from danvan.democracy.models import Disclosure, DisclosureItem
from danvan.org.models import OrgUnit
from danvan.reporting.models import RegisterUse

TALLY = "dân chủ cơ sở"
SINCE = dt.date(2025, 7, 1)
WARD = "HN-DINHCONG"
DEMO = "Dữ liệu trình diễn."


def _item(code: str) -> DisclosureItem | None:
    return DisclosureItem.objects.filter(code=code).first()


def _area(ward: OrgUnit, number: int) -> OrgUnit:
    return OrgUnit.objects.filter(code=f"{ward.code}-TDP{number:02d}").first() or ward


def load(progress: Callable[[str], None]) -> Counter[tuple[str, str]]:
    tally: Counter[tuple[str, str]] = Counter()
    progress("Thực hiện dân chủ ở cơ sở: phường Định Công, theo ngày hôm nay…")
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
    ward = OrgUnit.objects.filter(code=WARD).first()
    if ward is None:
        return tally
    if Disclosure.all_objects.filter(org_unit__path__startswith=ward.path).exists():
        tally[TALLY, "giữ nguyên"] += 1
        return tally
    write(today=clock.today(), ward=ward)
    tally[TALLY, "tạo mới"] += 1
    return tally


def write(*, today: dt.date, ward: OrgUnit) -> None:
    actor = SYSTEM
    month = today.replace(day=1)
    last_month = (month - dt.timedelta(days=1)).replace(day=15)
    year = today.year

    def disclose(unit: OrgUnit, content: str, item: str, form: str, **kw: object) -> Disclosure:
        return services.disclosure_create(
            actor=actor, org_unit=unit, content=content, item=_item(item), form=form, **kw
        )

    expired = disclose(
        ward,
        f"Dự toán ngân sách phường năm {year}",
        "ngan-sach",
        "niem_yet",
        starts_on=month - dt.timedelta(days=75),
        ends_on=month - dt.timedelta(days=15),
        note=DEMO,
    )
    services.disclosure_publish(actor=actor, disclosure=expired)
    for unit, content, item, form, ends in (
        (
            ward,
            f"Kế hoạch phát triển kinh tế - xã hội năm {year + 1}",
            "ke-hoach-ktxh",
            "cong_thong_tin",
            today + dt.timedelta(days=30),
        ),
        (
            ward,
            "Bộ thủ tục hành chính thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường",
            "thu-tuc-hanh-chinh",
            "niem_yet",
            None,
        ),
        (
            _area(ward, 1),
            f"Danh sách hộ nghèo, hộ cận nghèo năm {year + 1} (dự kiến)",
            "vay-von-ho-ngheo",
            "loa",
            today + dt.timedelta(days=10),
        ),
    ):
        row = disclose(unit, content, item, form, starts_on=month, ends_on=ends, note=DEMO)
        services.disclosure_publish(actor=actor, disclosure=row)
    withdrawn = disclose(
        ward,
        "Mức thu phí trông giữ xe tại điểm sinh hoạt cộng đồng",
        "phi-le-phi",
        "niem_yet",
        starts_on=month,
        note=DEMO,
    )
    services.disclosure_publish(actor=actor, disclosure=withdrawn)
    services.disclosure_withdraw(
        actor=actor,
        disclosure=withdrawn,
        reason="Niêm yết nhầm bản dự thảo; sẽ công khai lại bản đã được phê duyệt.",
    )
    disclose(
        ward,
        "Kết quả tiếp thu ý kiến Nhân dân về phương án chỉnh trang tuyến đường ven hồ",
        "tiep-thu-y-kien",
        "hoi_nghi",
        starts_on=today + dt.timedelta(days=7),
        note=DEMO,
    )

    # «Dân bàn, dân quyết»
    rule = services.decision_create(
        actor=actor,
        org_unit=_area(ward, 1),
        kind="huong_uoc",
        subject="Hương ước tổ dân phố số 1 (sửa đổi, bổ sung)",
        method="hoi_nghi",
        held_on=month,
        households_total=186,
        note=DEMO,
    )
    services.decision_record(
        actor=actor, decision=rule, households_taking_part=152, votes_for=141, votes_against=6
    )
    lights = services.decision_create(
        actor=actor,
        org_unit=_area(ward, 2),
        kind="dong_gop",
        subject="Đóng góp kinh phí lắp đèn chiếu sáng ngõ 12",
        method="phat_phieu",
        held_on=last_month,
        households_total=120,
        note=DEMO,
    )
    services.decision_record(
        actor=actor, decision=lights, households_taking_part=70, votes_for=48, votes_against=19
    )
    services.decision_create(
        actor=actor,
        org_unit=_area(ward, 3),
        kind="bau_truong",
        subject="Bầu tổ trưởng tổ dân phố số 3",
        method="hoi_nghi",
        held_on=today + dt.timedelta(days=12),
        households_total=164,
        note=DEMO,
    )
    covenant = services.decision_create(
        actor=actor,
        org_unit=_area(ward, 4),
        kind="quy_uoc",
        subject="Quy ước giữ gìn vệ sinh môi trường khu tập thể",
        method="truc_tuyen",
        held_on=today + dt.timedelta(days=20),
        households_total=98,
        note=DEMO,
    )
    services.decision_cancel(
        actor=actor, decision=covenant, reason="Gộp vào hương ước tổ dân phố số 4."
    )

    # «Dân bàn, cho ý kiến»
    lake = services.consultation_create(
        actor=actor,
        org_unit=ward,
        subject="Phương án chỉnh trang tuyến đường ven hồ Định Công",
        starts_on=last_month,
        ends_on=min(today, month + dt.timedelta(days=1)),
    )
    services.consultation_close(
        actor=actor,
        consultation=lake,
        opinions_received=48,
        taken_up_count=31,
        taken_up_summary="Bổ sung lối đi cho người khuyết tật; giữ lại hàng cây cổ thụ; "
        "lắp thêm thùng rác phân loại.",
    )
    services.consultation_create(
        actor=actor,
        org_unit=ward,
        subject=f"Dự thảo kế hoạch phát triển kinh tế - xã hội năm {year + 1}",
        starts_on=month,
        ends_on=today + dt.timedelta(days=20),
    )

    # «Dân kiểm tra, giám sát»
    services.oversight_create(
        actor=actor,
        org_unit=ward,
        board="ttnd",
        subject=f"Việc quản lý, sử dụng Quỹ Đền ơn đáp nghĩa phường năm {year}",
        found_on=month,
        findings="Thu, chi đúng mục đích; một số chứng từ chi thăm hỏi thiếu chữ ký người nhận.",
        recommendations="Bổ sung chứng từ; công khai kết quả thu, chi tại bảng tin tổ dân phố.",
    )
    hall = services.oversight_create(
        actor=actor,
        org_unit=_area(ward, 2),
        board="gsdtcd",
        subject="Công trình cải tạo nhà văn hóa tổ dân phố số 2",
        found_on=last_month,
        findings="Thi công đúng thiết kế; vật liệu lát nền sân chưa đúng chủng loại đã duyệt.",
        recommendations="Đề nghị chủ đầu tư yêu cầu nhà thầu thay vật liệu lát nền sân.",
    )
    services.oversight_resolve(
        actor=actor,
        oversight=hall,
        resolution="Nhà thầu đã thay vật liệu lát nền sân; Ban giám sát kiểm tra lại, đạt.",
        on=min(today, month + dt.timedelta(days=1)),
    )
