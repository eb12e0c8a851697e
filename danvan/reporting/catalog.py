"""The standard catalogue: the indicators and forms of the demo and of the seeds' figures.

``ensure_catalog()`` creates or updates them by code (safe to run twice). Codes are the
contract the API and the acceptance checks use.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from danvan.lib import periods
from danvan.reporting.models import (
    FormIndicator,
    FormSection,
    Indicator,
    ReportForm,
    ValidationRule,
)

SUM, LAST = Indicator.Aggregation.SUM, Indicator.Aggregation.LAST
INT, DEC = Indicator.ValueType.INTEGER, Indicator.ValueType.DECIMAL

# code, name, unit, value type, aggregation
STORED = [
    ("TIEP_CONG_DAN", "Lượt tiếp công dân", "lượt", INT, SUM),
    ("DON_NHAN", "Đơn thư, kiến nghị tiếp nhận", "đơn", INT, SUM),
    ("DON_GIAI_QUYET", "Đơn thư, kiến nghị đã giải quyết", "đơn", INT, SUM),
    ("HOI_VIEN", "Hội viên", "người", INT, LAST),
    ("CHI_HOI", "Chi hội", "chi hội", INT, LAST),
    ("QUA_SUAT", "Suất quà trao tặng", "suất", INT, SUM),
    ("QUA_GIA_TRI", "Giá trị quà trao tặng", "triệu đồng", DEC, SUM),
    ("CU_TRI", "Cử tri trong danh sách", "người", INT, SUM),
    ("CU_TRI_DI_BAU", "Cử tri đi bỏ phiếu", "người", INT, SUM),
    ("MO_HINH_DVK", "Mô hình «Dân vận khéo» đăng ký", "mô hình", INT, SUM),
    # Counted from the register of danvan/emulation (SOURCED below), like MO_HINH_DVK.
    ("MO_HINH_DVK_CONG_NHAN", "Mô hình «Dân vận khéo» được công nhận", "mô hình", INT, SUM),
    ("MO_HINH_DVK_KT", "Mô hình đăng ký: lĩnh vực kinh tế", "mô hình", INT, SUM),
    ("MO_HINH_DVK_VHXH", "Mô hình đăng ký: lĩnh vực văn hóa – xã hội", "mô hình", INT, SUM),
    ("MO_HINH_DVK_QPAN", "Mô hình đăng ký: lĩnh vực quốc phòng – an ninh", "mô hình", INT, SUM),
    (
        "MO_HINH_DVK_XDHTCT",
        "Mô hình đăng ký: lĩnh vực xây dựng hệ thống chính trị",
        "mô hình",
        INT,
        SUM,
    ),
    # Petitions register (danvan/petitions/figures.py).
    ("DON_DANG_XEM_XET", "Đơn thư đang xem xét, giải quyết", "đơn", INT, SUM),
    ("DON_TRUNG", "Đơn trùng", "đơn", INT, SUM),
    ("DOAN_DONG_NGUOI", "Đoàn đông người được tiếp", "đoàn", INT, SUM),
    ("DON_KHIEU_NAI", "Đơn khiếu nại", "đơn", INT, SUM),
    ("DON_TO_CAO", "Đơn tố cáo", "đơn", INT, SUM),
    ("DON_KIEN_NGHI", "Đơn kiến nghị, phản ánh", "đơn", INT, SUM),
    # religion: danvan/religion/figures.py (places are a stock, counted at the window's end)
    ("TG_CO_SO", "Cơ sở thờ tự đang hoạt động", "cơ sở", INT, LAST),
    ("TG_DIEM_NHOM", "Điểm nhóm sinh hoạt tôn giáo tập trung", "điểm", INT, LAST),
    ("TG_SU_KIEN", "Sự kiện, lễ hội tôn giáo đã diễn ra", "sự kiện", INT, SUM),
    ("TG_THAM_DU", "Lượt người tham dự sự kiện, lễ hội tôn giáo", "lượt", INT, SUM),
    # Welfare register (danvan/welfare/figures.py).  # welfare
    ("QUA_TRUNG", "Suất quà trùng được gắn cờ", "suất", INT, SUM),  # welfare
    ("UNG_HO_GIA_TRI", "Tiền, hàng ủng hộ (quy ra tiền)", "triệu đồng", DEC, SUM),  # welfare
    # supervision: danvan/supervision/figures.py (QUA_HAN a stock at the window's end)
    ("GIAM_SAT_CUOC", "Cuộc giám sát đã tổ chức", "cuộc", INT, SUM),
    ("PHAN_BIEN_CUOC", "Cuộc phản biện xã hội đã tổ chức", "cuộc", INT, SUM),
    ("GOP_Y_218", "Cuộc góp ý xây dựng Đảng, chính quyền (QĐ 218)", "cuộc", INT, SUM),
    ("KIEN_NGHI_GS", "Kiến nghị sau giám sát, phản biện, góp ý", "kiến nghị", INT, SUM),
    ("KIEN_NGHI_DA_TRA_LOI", "Kiến nghị đã có trả lời", "kiến nghị", INT, SUM),
    ("KIEN_NGHI_CHUA_TRA_LOI", "Kiến nghị chưa có trả lời", "kiến nghị", INT, SUM),
    ("KIEN_NGHI_QUA_HAN", "Kiến nghị quá hạn chưa được trả lời", "kiến nghị", INT, LAST),
    # democracy: danvan/democracy/figures.py
    ("DC_CONG_KHAI", "Nội dung đã công khai cho Nhân dân biết", "nội dung", INT, SUM),
    ("DC_BIEU_QUYET", "Nội dung Nhân dân bàn và quyết định", "nội dung", INT, SUM),
    ("DC_THONG_QUA", "Nội dung Nhân dân quyết định được thông qua", "nội dung", INT, SUM),
    ("DC_LAY_Y_KIEN", "Nội dung lấy ý kiến Nhân dân", "nội dung", INT, SUM),
    ("DC_GIAM_SAT", "Kết quả kiểm tra, giám sát của Nhân dân", "vụ việc", INT, SUM),
]
# code, name, numerator, denominator
COMPUTED = [
    ("TY_LE_GIAI_QUYET_DON", "Tỷ lệ đơn thư đã giải quyết", "DON_GIAI_QUYET", "DON_NHAN"),
    ("TY_LE_CU_TRI_DI_BAU", "Tỷ lệ cử tri đi bỏ phiếu", "CU_TRI_DI_BAU", "CU_TRI"),
]
NARRATIVE = [
    ("tinh_hinh", "I. Tình hình Nhân dân"),
    ("ket_qua", "II. Kết quả công tác dân vận"),
    ("danh_gia", "III. Đánh giá: ưu điểm, hạn chế, nguyên nhân"),
    ("phuong_huong", "IV. Phương hướng, nhiệm vụ kỳ tới"),
    ("kien_nghi", "V. Kiến nghị, đề xuất"),
]
FIGURES = [
    ("tiep_dan", "Tiếp công dân, đơn thư", ["TIEP_CONG_DAN", "DON_NHAN", "DON_GIAI_QUYET"]),
    ("to_chuc", "Tổ chức, hội viên", ["HOI_VIEN", "CHI_HOI"]),
    ("an_sinh", "An sinh xã hội", ["QUA_SUAT", "QUA_GIA_TRI"]),
    (
        "phong_trao",
        "Phong trào thi đua",
        [
            "MO_HINH_DVK",
            "MO_HINH_DVK_CONG_NHAN",
            "MO_HINH_DVK_KT",
            "MO_HINH_DVK_VHXH",
            "MO_HINH_DVK_QPAN",
            "MO_HINH_DVK_XDHTCT",
        ],
    ),
]
ELECTION = ("bau_cu", "Bầu cử", ["CU_TRI", "CU_TRI_DI_BAU"])
# The petitions register's other figures (issue 15), after the older sections so their
# columns keep their places in the forms' workbooks (the election stays last).
PETITIONS = (
    "don_thu",
    "Đơn thư: đang xem xét, trùng, đoàn đông người, theo loại",
    [
        "DON_DANG_XEM_XET",
        "DON_TRUNG",
        "DOAN_DONG_NGUOI",
        "DON_KHIEU_NAI",
        "DON_TO_CAO",
        "DON_KIEN_NGHI",
    ],
)
# religion: the religious affairs register's figures (issue 16 §4), after the petitions.
RELIGION = (
    "ton_giao",
    "Công tác tôn giáo",
    ["TG_CO_SO", "TG_DIEM_NHOM", "TG_SU_KIEN", "TG_THAM_DU"],
)
# The welfare register's other figures (issue 16; QUA_SUAT, QUA_GIA_TRI stay in an_sinh).
WELFARE = (  # welfare
    "an_sinh_so",
    "An sinh xã hội: suất trùng, tiền và hàng ủng hộ",
    ["QUA_TRUNG", "UNG_HO_GIA_TRI"],
)
# supervision: giám sát, phản biện xã hội (issue 16 §1), after the petitions.
SUPERVISION = (
    "giam_sat",
    "Giám sát, phản biện xã hội",
    [
        "GIAM_SAT_CUOC",
        "PHAN_BIEN_CUOC",
        "GOP_Y_218",
        "KIEN_NGHI_GS",
        "KIEN_NGHI_DA_TRA_LOI",
        "KIEN_NGHI_CHUA_TRA_LOI",
        "KIEN_NGHI_QUA_HAN",
    ],
)
# democracy: the grassroots-democracy register's figures (issue 16 §2), after the petitions.
DEMOCRACY = (
    "dan_chu",
    "Thực hiện dân chủ ở cơ sở",
    ["DC_CONG_KHAI", "DC_BIEU_QUYET", "DC_THONG_QUA", "DC_LAY_Y_KIEN", "DC_GIAM_SAT"],
)
FORMS = [
    (
        "BC_THANG",
        "Báo cáo công tác dân vận tháng",
        periods.MONTH,
        [*FIGURES, PETITIONS, SUPERVISION, DEMOCRACY, RELIGION, WELFARE],
    ),
    (
        "BC_6THANG",
        "Báo cáo sơ kết công tác dân vận 6 tháng",
        periods.HALF,
        [*FIGURES, PETITIONS, SUPERVISION, DEMOCRACY, RELIGION, WELFARE, ELECTION],
    ),
]
RULES = [
    ("DON_GIAI_QUYET", "<=", "DON_NHAN", "Số đơn đã giải quyết không được lớn hơn số đơn nhận"),
    ("CU_TRI_DI_BAU", "<=", "CU_TRI", "Số cử tri đi bầu không được lớn hơn số cử tri"),
    # supervision
    (
        "KIEN_NGHI_DA_TRA_LOI",
        "<=",
        "KIEN_NGHI_GS",
        "Số kiến nghị đã có trả lời không được lớn hơn số kiến nghị",
    ),
]


# Indicators counted from a register (danvan/reporting/sources.py): code -> source key.
# A key no installed app registers leaves the figure typed.
SOURCED: dict[str, str] = {
    "MO_HINH_DVK": "emulation.registered",
    "MO_HINH_DVK_CONG_NHAN": "emulation.recognised",
    "MO_HINH_DVK_KT": "emulation.registered.kinh-te",
    "MO_HINH_DVK_VHXH": "emulation.registered.van-hoa-xa-hoi",
    "MO_HINH_DVK_QPAN": "emulation.registered.quoc-phong-an-ninh",
    "MO_HINH_DVK_XDHTCT": "emulation.registered.xay-dung-he-thong-chinh-tri",
    # danvan/petitions/figures.py
    "TIEP_CONG_DAN": "petitions.citizens_received",
    "DOAN_DONG_NGUOI": "petitions.groups_received",
    "DON_NHAN": "petitions.received",
    "DON_GIAI_QUYET": "petitions.resolved",
    "DON_DANG_XEM_XET": "petitions.in_progress",
    "DON_TRUNG": "petitions.duplicates",
    "DON_KHIEU_NAI": "petitions.complaints",
    "DON_TO_CAO": "petitions.denunciations",
    "DON_KIEN_NGHI": "petitions.proposals",
    # religion: danvan/religion/figures.py
    "TG_CO_SO": "religion.places",
    "TG_DIEM_NHOM": "religion.group_points",
    "TG_SU_KIEN": "religion.events_held",
    "TG_THAM_DU": "religion.attendance",
    # danvan/welfare/figures.py  # welfare
    "QUA_SUAT": "welfare.gifts",  # welfare
    "QUA_GIA_TRI": "welfare.value",  # welfare
    "QUA_TRUNG": "welfare.duplicates",  # welfare
    "UNG_HO_GIA_TRI": "welfare.contributions",  # welfare
    # supervision: danvan/supervision/figures.py
    "GIAM_SAT_CUOC": "supervision.supervisions",
    "PHAN_BIEN_CUOC": "supervision.criticisms",
    "GOP_Y_218": "supervision.feedback",
    "KIEN_NGHI_GS": "supervision.recommendations",
    "KIEN_NGHI_DA_TRA_LOI": "supervision.answered",
    "KIEN_NGHI_CHUA_TRA_LOI": "supervision.unanswered",
    "KIEN_NGHI_QUA_HAN": "supervision.overdue",
    # democracy: danvan/democracy/figures.py
    "DC_CONG_KHAI": "democracy.disclosures",
    "DC_BIEU_QUYET": "democracy.decided",
    "DC_THONG_QUA": "democracy.passed",
    "DC_LAY_Y_KIEN": "democracy.consultations",
    "DC_GIAM_SAT": "democracy.oversight",
}


@transaction.atomic
def ensure_catalog() -> dict[str, int]:
    """Create or update the standard indicators, forms and rules; return counts."""
    by_code: dict[str, Indicator] = {}
    for code, name, unit, value_type, aggregation in STORED:
        by_code[code], _ = Indicator.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "unit": unit,
                "value_type": value_type,
                "aggregation": aggregation,
                "source": SOURCED.get(code, ""),
            },
        )
    for code, name, numerator, denominator in COMPUTED:
        by_code[code], _ = Indicator.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "unit": "%",
                "value_type": Indicator.ValueType.COMPUTED,
                "aggregation": SUM,
                "numerator": by_code[numerator],
                "denominator": by_code[denominator],
                # As the column holds it (4 places): Decimal(100) would be saved as a
                # change ('100.0000' → '100') into the audit log on every load.
                "factor": Decimal("100.0000"),
            },
        )
    for code, name, period_type, figure_sections in FORMS:
        form, _ = ReportForm.objects.update_or_create(
            code=code, defaults={"name": name, "period_type": period_type}
        )
        order = 0
        for section_code, title, codes in figure_sections:
            order += 1
            section, _ = FormSection.objects.update_or_create(
                form=form, code=section_code, defaults={"title": title, "order": order}
            )
            for position, indicator_code in enumerate(codes):
                FormIndicator.objects.update_or_create(
                    section=section,
                    indicator=by_code[indicator_code],
                    defaults={"order": position},
                )
        for section_code, title in NARRATIVE:
            order += 1
            FormSection.objects.update_or_create(
                form=form,
                code=section_code,
                defaults={"title": title, "order": order, "is_narrative": True},
            )
        for left, operator, right, message in RULES:
            in_form = FormIndicator.objects.filter(section__form=form, indicator__code=left)
            if in_form.exists():
                ValidationRule.objects.update_or_create(
                    form=form,
                    left=by_code[left],
                    right=by_code[right],
                    defaults={"operator": operator, "message": message},
                )
    return {"indicators": len(by_code), "forms": len(FORMS)}
