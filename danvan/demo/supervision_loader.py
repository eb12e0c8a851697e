"""Demo supervision register (issue 16 §1), written through the services.

- Today (dated from ``clock.today()``): the Ủy ban MTTQ of Phường Định Công with its
  programme of the year and activities in every state — a supervision ended with one
  recommendation still unanswered past its due date (it reaches demo_board's «Việc cần
  làm» and the ward's next giao ban) and one answered and closed; a social criticism
  conference with one recommendation waiting (not yet due) and one answered; a QĐ 218
  dialogue whose recommendation was escalated; a supervision under way through the
  community investment supervision board; one planned, one cancelled. Invented:
  «Dữ liệu trình diễn».
- 2022 (seed 001, Quận Hoàn Kiếm): the Front's «Kế hoạch thực hiện Quyết định 217, 218
  của Bộ Chính trị» approved by the district's standing committee at the start of the
  year, which the giao ban of 06/10/2022 asked to review. The article gives no count of
  supervisions, criticisms or recommendations, so the activities recorded under it are
  illustrations, marked as such; their one recommendation overdue on 06/10/2022 shows on
  that giao ban's page and was answered afterwards (it never reaches today's inbox).

The register is kept (``RegisterUse`` «supervision») by the cities from 01/7/2025 and by
Quận Hoàn Kiếm in 2022. Safe to run twice: a programme already there is left as it is.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from danvan.access.system import SYSTEM
from danvan.core import clock
from danvan.org.models import OrgUnit
from danvan.reporting.models import RegisterUse
from danvan.supervision import services
from danvan.supervision.figures import USE
from danvan.supervision.models import Activity, Programme

TALLY = "giám sát, phản biện"
DEMO = "Dữ liệu trình diễn: nội dung minh họa, không có thật."
SINCE = dt.date(2025, 7, 1)
FRONT = "HN-DINHCONG-MTTQ"
HK_FRONT = "HN-HK-MTTQ"
HK_TITLE = "Kế hoạch thực hiện Quyết định 217, 218 của Bộ Chính trị năm 2022"


def load(progress: Callable[[str], None]) -> Counter[tuple[str, str]]:
    tally: Counter[tuple[str, str]] = Counter()
    progress("Giám sát, phản biện xã hội: phường Định Công (hôm nay) và quận Hoàn Kiếm (2022)…")
    _register_use(tally)
    front = OrgUnit.all_objects.filter(code=FRONT).first()
    if front is not None:
        _current(front, clock.today(), tally)
    hk = OrgUnit.all_objects.filter(code=HK_FRONT).first()
    if hk is not None:
        _hoan_kiem(hk, tally)
    return tally


def _register_use(tally: Counter[tuple[str, str]]) -> None:
    rows: list[tuple[str, dt.date, dt.date | None, str]] = [
        (code, SINCE, None, "cơ cấu từ 01/7/2025") for code in ("HN", "NB", "HCM")
    ]
    rows.append(("HN-HK", dt.date(2022, 1, 1), dt.date(2025, 6, 30), "quận Hoàn Kiếm, 2022"))
    for code, since, until, note in rows:
        unit = OrgUnit.all_objects.filter(code=code).first()
        if unit is None:
            continue
        _row, created = RegisterUse.objects.get_or_create(
            register=USE,
            org_unit=unit,
            defaults={"since": since, "until": until, "note": f"Dữ liệu trình diễn: {note}."},
        )
        tally[TALLY, "tạo mới" if created else "giữ nguyên"] += 1


class _Year:
    """The front's programme of each year an activity falls in (a load early in January
    dates some activities in the year before)."""

    def __init__(self, front: OrgUnit, tally: Counter[tuple[str, str]]) -> None:
        self.front, self.tally = front, tally
        self.found: dict[int, Programme] = {}

    def __call__(self, year: int) -> Programme:
        if year not in self.found:
            title = f"Chương trình giám sát, phản biện xã hội năm {year}"
            existing = Programme.objects.filter(org_unit=self.front, year=year, title=title)
            self.found[year] = existing.first() or services.programme_create(
                actor=SYSTEM,
                org_unit=self.front,
                year=year,
                title=title,
                basis="217-QĐ/TW, 218-QĐ/TW; NQLT 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN",
                approved_by="Ban Thường vụ Đảng ủy phường",
                note=DEMO,
            )
        return self.found[year]


def _activity(programme: Callable[[int], Programme], start: dt.date, **values: Any) -> Activity:
    return services.activity_create(
        actor=SYSTEM, programme=programme(start.year), starts_on=start, **values
    )


def _run(activity: Activity, end: dt.date | None, findings: str) -> Activity:
    services.activity_start(actor=SYSTEM, activity=activity, on=activity.starts_on)
    if end is not None:
        services.activity_end(actor=SYSTEM, activity=activity, findings=findings, on=end)
    activity.refresh_from_db()
    return activity


def _rec(activity: Activity, made: dt.date, due: dt.date, to: str, content: str) -> Any:
    return services.recommendation_create(
        actor=SYSTEM,
        activity=activity,
        content=content,
        addressed_to=to,
        made_on=made,
        due_on=due,
    )


def _answer(rec: Any, on: dt.date, by: str, summary: str, ref: str = "") -> None:
    services.response_record(
        actor=SYSTEM,
        recommendation=rec,
        received_on=on,
        by_body=by,
        summary=summary,
        document_ref=ref,
    )
    rec.refresh_from_db()


def _current(front: OrgUnit, today: dt.date, tally: Counter[tuple[str, str]]) -> None:
    if Activity.all_objects.filter(org_unit=front).exists():
        tally[TALLY, "giữ nguyên"] += 1
        return

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    year = _Year(front, tally)
    ubnd = "Ủy ban nhân dân phường Định Công"
    members = "Thường trực Ủy ban MTTQ phường; đại diện Hội LHPN, Hội CCB phường"
    bhyt = _run(
        _activity(
            year,
            ago(40),
            kind="giam_sat",
            form="doan_giam_sat",
            title="Giám sát việc thực hiện chính sách bảo hiểm y tế cho hộ cận nghèo",
            target=ubnd,
            members=members,
        ),
        ago(35),
        "Cơ bản thực hiện đúng quy định; còn 12 hộ cận nghèo chưa được cấp thẻ bảo hiểm y tế "
        "kịp thời; việc rà soát danh sách chưa thường xuyên.",
    )
    late = _rec(
        bhyt,
        ago(34),
        ago(10),
        ubnd,
        "Chỉ đạo hoàn thành cấp thẻ bảo hiểm y tế cho 12 hộ cận nghèo còn thiếu; rà soát "
        "danh sách hằng quý.",
    )
    done = _rec(
        bhyt,
        ago(34),
        ago(4),
        "Bảo hiểm xã hội khu vực",
        "Phối hợp cung cấp danh sách người tham gia bảo hiểm y tế theo tổ dân phố.",
    )
    _answer(done, ago(12), "Bảo hiểm xã hội khu vực", "Đã gửi danh sách theo tổ dân phố.")
    services.recommendation_close(
        actor=SYSTEM, recommendation=done, outcome="Đã nhận đủ danh sách.", on=ago(8)
    )
    criticism = _run(
        _activity(
            year,
            ago(8),
            kind="phan_bien",
            form="hoi_nghi_phan_bien",
            title="Hội nghị phản biện dự thảo Đề án chỉnh trang đô thị tuyến đường Định Công",
            target="Dự thảo Đề án của Ủy ban nhân dân phường",
            members="Ủy ban MTTQ phường; các chuyên gia, đại diện Nhân dân các tổ dân phố",
        ),
        ago(6),
        "Đề án cần bổ sung phương án bố trí chỗ để xe và lấy ý kiến hộ kinh doanh dọc tuyến.",
    )
    _rec(
        criticism,
        ago(6),
        today + dt.timedelta(days=20),
        ubnd,
        "Bổ sung phương án bố trí chỗ để xe cho các hộ kinh doanh dọc tuyến đường.",
    )
    answered = _rec(
        criticism,
        ago(6),
        today + dt.timedelta(days=10),
        ubnd,
        "Tổ chức lấy ý kiến các hộ kinh doanh trước khi trình Đề án.",
    )
    _answer(answered, ago(2), ubnd, "Tiếp thu; sẽ tổ chức lấy ý kiến trong tháng.", "15/UBND-VP")
    dialogue = _run(
        _activity(
            year,
            ago(20),
            kind="gop_y_xay_dung",
            form="doi_thoai",
            title="Đối thoại giữa Bí thư Đảng ủy phường với Nhân dân về cải cách hành chính",
            target="Đảng ủy, Ủy ban nhân dân phường",
            members="Ủy ban MTTQ phường; 80 đại biểu Nhân dân",
        ),
        ago(20),
        "Nhân dân phản ánh thời gian giải quyết hồ sơ đất đai còn kéo dài.",
    )
    escalated = _rec(
        dialogue,
        ago(19),
        ago(5),
        "Văn phòng đăng ký đất đai chi nhánh khu vực",
        "Rút ngắn thời gian giải quyết hồ sơ đăng ký biến động đất đai.",
    )
    services.recommendation_escalate(
        actor=SYSTEM,
        recommendation=escalated,
        escalated_to="Ban Thường trực Ủy ban MTTQ thành phố",
        outcome="Quá hạn chưa có trả lời; vượt thẩm quyền cấp phường.",
        on=ago(1),
    )
    _run(
        _activity(
            year,
            ago(3),
            kind="giam_sat",
            form="ban_gsdtcd",
            title="Giám sát công trình cải tạo nhà văn hóa tổ dân phố số 3",
            target="Ban quản lý dự án đầu tư xây dựng khu vực",
            members="Ban Giám sát đầu tư của cộng đồng phường",
        ),
        None,
        "",
    )
    _activity(
        year,
        today + dt.timedelta(days=15),
        kind="giam_sat",
        form="nghien_cuu_van_ban",
        title="Giám sát việc tiếp công dân, giải quyết khiếu nại của Ủy ban nhân dân phường",
        target=ubnd,
    )
    cancelled = _activity(
        year,
        today + dt.timedelta(days=25),
        kind="phan_bien",
        form="gop_y_du_thao",
        title="Góp ý dự thảo quy chế quản lý chợ dân sinh",
        target="Dự thảo quy chế của Ủy ban nhân dân phường",
    )
    services.activity_cancel(
        actor=SYSTEM,
        activity=cancelled,
        reason="Ủy ban nhân dân phường rút dự thảo để xây dựng lại.",
    )
    assert late.due_on < today
    tally[TALLY, "tạo mới"] += 1


def _hoan_kiem(front: OrgUnit, tally: Counter[tuple[str, str]]) -> None:
    if Programme.all_objects.filter(org_unit=front, year=2022).exists():
        tally[TALLY, "giữ nguyên"] += 1
        return
    from danvan.documents.models import Document

    basis = Document.objects.filter(number="217", symbol="QĐ", issuer_code="TW").first()
    programme = services.programme_create(
        actor=SYSTEM,
        org_unit=front,
        year=2022,
        title=HK_TITLE,
        basis="217-QĐ/TW, 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị",
        basis_document=basis,
        approved_by="Thường trực Quận ủy Hoàn Kiếm",
        note="Bài viết (seed 001): kế hoạch «đã được Thường trực Quận ủy phê duyệt từ đầu "
        "năm»; hội nghị giao ban 9 tháng (06/10/2022) yêu cầu rà soát các chỉ tiêu đề ra "
        "trong kế hoạch. Bài viết không nêu số cuộc giám sát, phản biện hay số kiến nghị: "
        "các hoạt động dưới đây là minh họa.",
    )

    def add(start: dt.date, end: dt.date, **values: Any) -> Activity:
        act = services.activity_create(actor=SYSTEM, programme=programme, starts_on=start, **values)
        return _run(act, end, values.pop("findings", "") or "Đã báo cáo kết quả.")

    ubnd = "Ủy ban nhân dân quận Hoàn Kiếm"
    supervision = add(
        dt.date(2022, 6, 15),
        dt.date(2022, 6, 30),
        kind="giam_sat",
        form="doan_giam_sat",
        title="Minh họa: giám sát việc thực hiện chính sách hỗ trợ người lao động gặp khó khăn "
        "do đại dịch Covid-19",
        target=ubnd,
        findings="Minh họa: cơ bản thực hiện đúng đối tượng; một số hồ sơ chậm chi trả.",
    )
    rec = _rec(
        supervision,
        dt.date(2022, 7, 5),
        dt.date(2022, 9, 30),
        ubnd,
        "Minh họa: chỉ đạo hoàn thành chi trả các hồ sơ hỗ trợ còn tồn đọng.",
    )
    # Overdue on the giao ban of 06/10/2022, answered afterwards, then closed.
    _answer(rec, dt.date(2022, 10, 20), ubnd, "Minh họa: đã hoàn thành chi trả.")
    services.recommendation_close(
        actor=SYSTEM, recommendation=rec, outcome="Minh họa: đã thực hiện.", on=dt.date(2022, 11, 1)
    )
    add(
        dt.date(2022, 8, 10),
        dt.date(2022, 8, 10),
        kind="gop_y_xay_dung",
        form="doi_thoai",
        title="Minh họa: hội nghị Nhân dân góp ý xây dựng Đảng, xây dựng chính quyền quận",
        target="Quận ủy, Ủy ban nhân dân quận Hoàn Kiếm",
        findings="Minh họa: tổng hợp ý kiến gửi Thường trực Quận ủy.",
    )
    tally[TALLY, "tạo mới"] += 1
