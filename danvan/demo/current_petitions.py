"""Today's petitions of Phường Định Công (danvan.demo.petitions_loader), dated back from
the day of the load so that some are due within days and one is overdue."""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.org.models import OrgUnit
from danvan.petitions import decisions, reception, services
from danvan.petitions import forwarding as across
from danvan.petitions.models import Petition, ReceptionSession, StageEntry

DEMO = "Dữ liệu trình diễn: người đứng đơn là nhân vật hư cấu."
ADDRESS = "tổ dân phố {n}, phường Định Công, Hà Nội"


def _person(name: str, n: int, phone: str = "") -> dict[str, str]:
    return {"full_name": name, "address": ADDRESS.format(n=n), "phone": phone}


def write(
    *,
    today: dt.date,
    front: OrgUnit,
    committee: OrgUnit,
    front_officer: Any,
    committee_officer: Any,
) -> None:
    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    def new(officer: Any, unit: OrgUnit, days: int, subject: str, **kw: Any) -> Petition:
        petition = services.petition_create(
            actor=officer,
            org_unit=unit,
            received_on=ago(days),
            subject=subject,
            channel=kw.pop("channel", "tiep_dan"),
            **kw,
        )
        StageEntry.objects.filter(petition=petition).update(note=f"Vào sổ. {DEMO}")
        return petition

    def classify(
        officer: Any, p: Petition, days: int, kind: str, ok: bool = True, competent: bool = True
    ) -> None:
        services.petition_classify(
            actor=officer, petition=p, kind=kind, eligible=ok, competent=competent, on=ago(days)
        )

    def go(officer: Any, p: Petition, days: int, to: str, note: str = "") -> None:
        if to == "thu_ly":
            services.petition_accept(actor=officer, petition=p, on=ago(days), note=note)
        else:
            services.petition_move(actor=officer, petition=p, to=to, on=ago(days), note=note)

    c, f = committee_officer, front_officer
    _sessions(today, front, committee, f, c)

    p9 = new(
        c,
        committee,
        70,
        "Kiến nghị lắp đặt biển báo giao thông tại ngã ba ngõ 250 Kim Giang",
        petitioners=[_person("Đỗ Văn Hùng", 4)],
    )
    classify(c, p9, 69, "kien_nghi")
    go(c, p9, 66, "thu_ly")
    go(c, p9, 55, "giai_quyet")
    go(c, p9, 50, "tra_loi", "Đã lắp biển báo, thông báo cho công dân.")
    go(c, p9, 40, "ket_thuc")

    p8 = new(
        c,
        committee,
        60,
        "Khiếu nại việc xử phạt vi phạm hành chính về trật tự xây dựng",
        petitioners=[_person("Phạm Thị Hoa", 7, "0983 111 222")],
        channel="buu_dien",
    )
    classify(c, p8, 58, "khieu_nai")
    go(c, p8, 55, "thu_ly")
    go(c, p8, 45, "xac_minh", "Xác minh hồ sơ cấp phép xây dựng.")
    go(c, p8, 35, "giai_quyet")
    go(
        c,
        p8,
        30,
        "tra_loi",
        "Quyết định giải quyết khiếu nại lần đầu: giữ nguyên quyết định xử phạt.",
    )
    go(c, p8, 28, "theo_doi", "Theo dõi việc chấp hành quyết định.")

    p6 = new(
        c,
        committee,
        45,
        "Phản ánh nước thải sinh hoạt tràn ra đường tại ngõ 18",
        petitioners=[_person("Lê Quang Minh", 2)],
        channel="truc_tuyen",
    )
    classify(c, p6, 44, "kien_nghi")
    go(c, p6, 40, "thu_ly")
    go(c, p6, 10, "giai_quyet", "Đang phối hợp đơn vị thoát nước khảo sát.")

    p5 = new(
        c,
        committee,
        32,
        "Tố cáo hành vi lấn chiếm đất công làm bãi trông giữ xe trái phép",
        petitioners=[_person("Trần Văn Toàn", 9, "0904 555 666")],
        kind="to_cao",
    )
    classify(c, p5, 31, "to_cao")
    go(c, p5, 28, "thu_ly")
    go(c, p5, 20, "xac_minh", "Tổ xác minh làm việc tại hiện trường.")

    p7 = new(
        c,
        committee,
        30,
        "Đề nghị cắt tỉa cây xanh có nguy cơ đổ trước nhà số 12",
        petitioners=[_person("Ngô Thị Lan", 5)],
    )
    classify(c, p7, 29, "kien_nghi")
    go(c, p7, 27, "thu_ly")
    go(c, p7, 8, "giai_quyet")
    go(c, p7, 5, "tra_loi", "Đã cắt tỉa cây, báo công dân biết.")

    p10 = new(
        f,
        front,
        25,
        "Đề nghị giải quyết tranh chấp lối đi chung giữa hai hộ gia đình",
        petitioners=[_person("Bùi Văn Sơn", 3, "0912 777 888")],
    )
    classify(f, p10, 24, "kien_nghi", competent=False)
    services.petition_guide(
        actor=f,
        petition=p10,
        on=ago(20),
        note="Hướng dẫn công dân đề nghị Tổ hòa giải tổ dân phố 3 hòa giải; nếu không thành "
        "thì gửi đơn đến UBND phường.",
    )

    p13 = new(
        f,
        front,
        21,
        "Kiến nghị sửa chữa hệ thống đèn chiếu sáng ngõ 95 bị hỏng kéo dài",
        petitioners=[_person("Hoàng Thị Mai", 6, "0936 123 456")],
    )
    classify(f, p13, 20, "kien_nghi", competent=False)
    forwarding = across.petition_forward(
        actor=f,
        petition=p13,
        to_unit=committee,
        on=ago(19),
        reply_due=ago(19) + dt.timedelta(days=15),
        note="Đề nghị UBND phường xem xét, trả lời công dân và thông báo Ủy ban MTTQ phường.",
    )
    entry = forwarding.receiver_entry
    assert entry is not None
    classify(c, entry, 18, "kien_nghi")
    go(c, entry, 17, "thu_ly")
    go(c, entry, 8, "giai_quyet")
    go(
        c,
        entry,
        6,
        "tra_loi",
        "UBND phường đã giao Tổ quản lý đô thị thay 6 bóng đèn ngõ 95; "
        "hệ thống chiếu sáng hoạt động bình thường từ ngày kiểm tra.",
    )

    p4 = new(
        c,
        committee,
        20,
        "Khiếu nại việc không được xét cấp giấy chứng nhận quyền sử dụng "
        "đất thửa số 45, tờ bản đồ số 12",
        petitioners=[_person("Vũ Đức Thắng", 8, "0977 246 810")],
    )
    classify(c, p4, 18, "khieu_nai")
    go(c, p4, 15, "thu_ly")

    p11 = new(
        f,
        front,
        15,
        "Phản ánh một số hộ kinh doanh lấn chiếm vỉa hè (đơn không ký tên)",
        anonymous=True,
        channel="buu_dien",
    )
    classify(f, p11, 12, "kien_nghi", ok=False, competent=False)
    services.petition_archive(
        actor=f,
        petition=p11,
        on=ago(12),
        note="Đơn nặc danh, không đủ điều kiện xử lý; nội dung chuyển Ban công tác Mặt trận "
        "tổ dân phố nắm tình hình.",
    )

    p2 = new(
        c,
        committee,
        12,
        "Đề nghị hỗ trợ thủ tục đăng ký hộ kinh doanh cho người khuyết tật",
        petitioners=[_person("Đặng Thu Hà", 1)],
        channel="truc_tuyen",
    )

    p12 = new(
        f,
        front,
        14,
        "Phản ánh cột điện nghiêng có nguy cơ đổ tại ngõ 120",
        petitioners=[_person("Nguyễn Văn Bình", 10, "0965 432 100")],
    )
    classify(f, p12, 12, "kien_nghi", competent=False)
    across.petition_forward(
        actor=f,
        petition=p12,
        to_body="Công ty Điện lực Hoàng Mai",
        on=ago(10),
        reply_due=today + dt.timedelta(days=5),
    )

    p14 = new(
        c,
        committee,
        10,
        "Khiếu nại không được xét cấp giấy chứng nhận quyền sử dụng đất thửa số 45 tờ bản đồ số 12",
        petitioners=[_person("Vũ Đức Thắng", 8, "0977246810")],
        channel="buu_dien",
    )
    if p14.duplicate_of_id == p4.pk:
        decisions.petition_duplicate_decide(
            actor=c, petition=p14, confirm=True, note="Công dân gửi lại đơn cũ qua bưu điện."
        )

    p3 = new(
        c,
        committee,
        8,
        "Khiếu nại việc thu phí trông giữ xe tại nhà văn hóa tổ dân phố 2",
        petitioners=[_person("Lê Thị Thu", 2)],
    )
    classify(c, p3, 6, "khieu_nai")

    new(
        f,
        front,
        2,
        "đề nghị giải quyết tranh chấp lối đi chung giữa hai hộ gia đình ở tổ 3",
        petitioners=[_person("Bùi Văn Sơn", 3, "0912777888")],
    )
    new(
        c,
        committee,
        1,
        "Đề nghị bố trí thêm thùng rác công cộng tại chợ Định Công",
        petitioners=[_person("Trần Thị Ngọc", 4)],
        channel="truc_tuyen",
    )
    del p2

    _voters(today, front, f)


def _sessions(today: dt.date, front: OrgUnit, committee: OrgUnit, f: Any, c: Any) -> None:
    """The committee chairman's weekly reception (Thursdays) for eight weeks and next
    week's; the Front's on the 15th of the month."""
    thursday = today - dt.timedelta(days=(today.weekday() - 3) % 7)
    visitors = [
        ("Đinh Văn Lâm", "Hỏi thủ tục chuyển mục đích sử dụng đất", 1),
        ("Phan Thị Yến", "Kiến nghị về lịch thu gom rác", 1),
        ("Lý Văn Phúc", "Đoàn 8 hộ dân ngõ 250 kiến nghị về tiến độ bồi thường mở đường", 8),
        ("Cao Thị Hạnh", "Hỏi chế độ trợ cấp người cao tuổi", 1),
    ]
    for week in range(8, -2, -1):
        held = thursday - dt.timedelta(days=7 * week)
        session = reception.session_create(
            actor=c,
            org_unit=committee,
            held_on=held,
            kind=ReceptionSession.Kind.PERIODIC,
            host="Chủ tịch UBND phường Định Công",
            host_title="Chủ tịch UBND phường",
            place="Trụ sở UBND phường",
            note=DEMO,
        )
        if held > today:
            continue
        for n in range(1 + week % 2):
            name, raised, size = visitors[(week + n) % len(visitors)]
            reception.visit_add(
                actor=c,
                session=session,
                full_name=name,
                raised=raised,
                group_size=size,
                address=ADDRESS.format(n=week + 1),
                answered="Giải thích quy định, hướng dẫn hồ sơ; hẹn trả lời bằng văn bản.",
            )
    for months in (2, 1, 0):
        first = (today.replace(day=1) - dt.timedelta(days=28 * months)).replace(day=15)
        if first > today:
            continue
        session = reception.session_create(
            actor=f,
            org_unit=front,
            held_on=first,
            kind=ReceptionSession.Kind.REGULAR,
            host="Phó Chủ tịch Ủy ban MTTQ phường",
            note=DEMO,
        )
        reception.visit_add(
            actor=f,
            session=session,
            full_name="Tạ Thị Nga",
            address=ADDRESS.format(n=months),
            raised="Phản ánh việc bình xét hộ cận nghèo",
            answered="Ghi nhận, chuyển UBND phường.",
        )


def _voters(today: dt.date, front: OrgUnit, f: Any) -> None:
    batch = reception.batch_create(
        actor=f,
        org_unit=front,
        met_on=today - dt.timedelta(days=30),
        title="Ý kiến, kiến nghị cử tri tại hội nghị tiếp xúc cử tri trước kỳ họp HĐND phường",
    )
    for subject, voter in (
        ("Đề nghị cải tạo sân chơi cho trẻ em tại tổ dân phố 5", "Phí Văn Khải"),
        ("Đề nghị tăng cường tuần tra an ninh trật tự khu vực chợ đêm", ""),
        ("Đề nghị sớm hoàn thành tuyến đường quy hoạch ngõ 250 Kim Giang", "Mạc Thị Liên"),
    ):
        reception.batch_opinion_add(
            actor=f,
            batch=batch,
            subject=subject,
            voter=voter,
            address=ADDRESS.format(n=5) if voter else "",
        )
    reception.batch_status(actor=f, batch=batch, status="da_chuyen")
    reception.batch_status(
        actor=f,
        batch=batch,
        status="co_quan_tra_loi",
        joint_reply="UBND phường trả lời: sân chơi tổ dân phố 5 được bố trí vốn năm nay; Công an "
        "phường tăng cường tuần tra khu vực chợ đêm; tuyến đường ngõ 250 hoàn thành trong quý IV.",
    )
    second = reception.batch_create(
        actor=f,
        org_unit=front,
        met_on=today - dt.timedelta(days=5),
        title="Ý kiến cử tri tại hội nghị tiếp xúc cử tri với đại biểu HĐND thành phố",
    )
    reception.batch_opinion_add(
        actor=f, batch=second, subject="Đề nghị mở thêm tuyến xe buýt qua đường Định Công"
    )
    reception.batch_status(actor=f, batch=second, status="da_chuyen")
