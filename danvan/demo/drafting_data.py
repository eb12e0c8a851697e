"""Demo data for official documents out: issuers' numbering and Hoàng Mai's first half of 2023.

- Numbering (đánh số): the Ban Dân vận of the five districts of the seeds number in the
  Party style per term ("Số 01-BC/BDVQU"; Tam Điệp is a provincial city, its Thành ủy
  writes ThU, so its board is BDVThU, DOMAIN.md §1.1), dated from the province's city;
  two of the new wards of Hà Nội (from 01/7/2025) number in the State style for their
  People's Committee (the ward itself: the demo tree has no UBND body under the new
  wards) and in the Front style for their Ủy ban MTTQ ("Số: 01/BC-MTTQ-BTT").
- Quận Hoàng Mai, 01/2023–06/2023: each of its 14 phường sends the monthly report
  BC_THANG with figures (the same plausible generator as the other demo months) and a
  short narrative for the sections of the report, so ``compile_report --org-unit "Quận
  Hoàng Mai" --period 2023-02`` (or ``2023H1``) has words and figures to compile. Nothing
  is stored for Hoàng Mai in 2024: the reporting acceptance posts March 2024 figures there
  and checks exact sums.

Everything goes through the services as the System actor; what exists is left alone, so
a second load writes nothing.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable

from danvan.access.system import SYSTEM
from danvan.demo import data
from danvan.demo.reporting_data import FigureLoader, month_range, monthly_figures
from danvan.demo.tree import code_part, new_ward_code, place_phrase
from danvan.documents.issuing import numbering_configure
from danvan.documents.models import IssuerNumbering
from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.reporting.catalog import ensure_catalog
from danvan.reporting.models import Report, ReportForm
from danvan.reporting.services import (
    data_values_save,
    report_approve,
    report_save_narrative,
    report_submit,
)

CREATED, KEPT = "tạo mới", "giữ nguyên"
REPORTS, NUMBERING = "báo cáo", "hội nghị, văn bản"
MONTHLY_FORM = "BC_THANG"

HOANG_MAI = "HN-HM"
HOANG_MAI_MONTHS = ("2023-01", "2023-06")

# (unit code, style, issuer code, term, place written on the documents). The place is left
# empty: the date line then names the unit's seat ("Hoàng Mai", "Định Công", "Hà Nội"),
# as Hướng dẫn 36 and Nghị định 30 want; an officer may set another.
NUMBERINGS: list[tuple[str, str, str, str, str]] = [
    ("HN-HM-BDV", "party", "BDVQU", "2020-2025", ""),
    ("HN-HK-BDV", "party", "BDVQU", "2020-2025", ""),
    ("HN-TH-BDV", "party", "BDVQU", "2020-2025", ""),
    ("HCM-TB-BDV", "party", "BDVQU", "2020-2025", ""),
    ("NB-TD-BDV", "party", "BDVThU", "2020-2025", ""),
    (new_ward_code("HN", "Phường Định Công"), "state", "UBND", "", ""),
    (new_ward_code("HN", "Phường Định Công") + "-MTTQ", "front", "MTTQ-BTT", "", ""),
    (new_ward_code("HN", "Phường Hoàng Mai"), "state", "UBND", "", ""),
    (new_ward_code("HN", "Phường Hoàng Mai") + "-MTTQ", "front", "MTTQ-BTT", "", ""),
    # Today's issuers of the demo users (danvan.demo.current_data): the city board and the
    # provincial board in the Party style, the Đảng ủy phường too, its UBND in the State
    # style ("Số: 01/BC-UBND").
    ("HN-BTGDV", "party", "BTGDVTU", "2025-2030", ""),
    ("NB-BTGDV", "party", "BTGDVTU", "2025-2030", ""),
    (new_ward_code("HN", "Phường Định Công") + "-CU", "party", "ĐU", "2025-2030", ""),
    (new_ward_code("HN", "Phường Định Công") + "-UBND", "state", "UBND", "", ""),
]

# What the wards of Hoàng Mai wrote each month of 2023 (section code → variants); {place}
# is "phường Định Công". Seasons of the work: Tết Quý Mão (22/01/2023), the Party's 93rd
# anniversary (03/02), 8/3 and 26/3, 30/4 and 1/5, 19/5, the Law on grassroots democracy
# (in force 01/7/2023), 27/7.
NARRATIVES: dict[int, dict[str, list[str]]] = {
    1: {
        "tinh_hinh": [
            "Nhân dân {place} phấn khởi đón Tết Nguyên đán Quý Mão 2023; tình hình an ninh "
            "trật tự trên địa bàn ổn định.",
            "Tình hình Nhân dân {place} ổn định; Nhân dân quan tâm đến việc chăm lo Tết cho "
            "các hộ nghèo, hộ cận nghèo và gia đình chính sách.",
        ],
        "ket_qua": [
            "Phối hợp với Ủy ban MTTQ và các đoàn thể thăm hỏi, tặng quà các gia đình chính "
            "sách, hộ nghèo, hộ cận nghèo nhân dịp Tết Nguyên đán Quý Mão; duy trì tiếp công "
            "dân định kỳ.",
            "Tổ chức chương trình “Tết vì người nghèo” tại các tổ dân phố; vận động Nhân dân "
            "giữ gìn trật tự, vệ sinh môi trường dịp Tết.",
        ],
        "phuong_huong": [
            "Tổ chức các hoạt động kỷ niệm 93 năm Ngày thành lập Đảng Cộng sản Việt Nam.",
        ],
    },
    2: {
        "tinh_hinh": [
            "Nhân dân {place} tin tưởng vào sự lãnh đạo của Đảng, phấn khởi với các hoạt "
            "động Mừng Đảng - Mừng Xuân; dư luận quan tâm đến phòng, chống dịch sốt xuất "
            "huyết.",
            "Tình hình Nhân dân {place} ổn định; các lễ hội đầu xuân diễn ra an toàn, tiết kiệm.",
        ],
        "ket_qua": [
            "Tổ chức các hoạt động kỷ niệm 93 năm Ngày thành lập Đảng; phát động đăng ký mô "
            "hình, điển hình thi đua “Dân vận khéo” năm 2023 tại các tổ dân phố.",
            "Tuyên truyền kỷ niệm Ngày thành lập Đảng; các đoàn thể ra quân dọn vệ sinh, "
            "phòng, chống dịch sốt xuất huyết tại khu dân cư.",
        ],
        "phuong_huong": [
            "Hoàn thành đăng ký mô hình “Dân vận khéo” năm 2023; tổ chức các hoạt động chào "
            "mừng Ngày Quốc tế Phụ nữ và Ngày thành lập Đoàn TNCS Hồ Chí Minh.",
        ],
    },
    3: {
        "tinh_hinh": [
            "Tình hình Nhân dân {place} ổn định; Nhân dân quan tâm đến việc chỉnh trang đô "
            "thị, vệ sinh môi trường tại các tổ dân phố.",
        ],
        "ket_qua": [
            "Tổ chức các hoạt động chào mừng Ngày Quốc tế Phụ nữ và Ngày thành lập Đoàn; ra "
            "quân Tháng Thanh niên, tổng vệ sinh môi trường khu dân cư.",
            "Hoàn thành đăng ký các mô hình “Dân vận khéo” năm 2023; Hội Liên hiệp Phụ nữ "
            "tổ chức tọa đàm nhân Ngày Quốc tế Phụ nữ.",
        ],
        "danh_gia": [
            "Các đoàn thể bám sát nhiệm vụ, phối hợp chặt chẽ; một số tổ dân phố triển khai "
            "mô hình “Dân vận khéo” còn chậm.",
        ],
        "phuong_huong": [
            "Tuyên truyền kỷ niệm Ngày giải phóng miền Nam, thống nhất đất nước và Ngày Quốc "
            "tế Lao động.",
        ],
    },
    4: {
        "tinh_hinh": [
            "Nhân dân {place} phấn khởi chào mừng 48 năm Ngày giải phóng miền Nam, thống "
            "nhất đất nước; một số hộ dân kiến nghị về tiến độ giải phóng mặt bằng các dự án "
            "trên địa bàn.",
            "Tình hình Nhân dân {place} ổn định; Nhân dân quan tâm đến an toàn giao thông và "
            "trật tự đô thị.",
        ],
        "ket_qua": [
            "Tuyên truyền kỷ niệm Ngày giải phóng miền Nam và Quốc tế Lao động; duy trì tiếp "
            "công dân, đối thoại với Nhân dân về các kiến nghị liên quan đến đất đai.",
        ],
        "phuong_huong": [
            "Tổ chức các hoạt động kỷ niệm 133 năm Ngày sinh Chủ tịch Hồ Chí Minh.",
        ],
    },
    5: {
        "tinh_hinh": [
            "Tình hình Nhân dân {place} ổn định; Nhân dân quan tâm đến việc cung cấp điện, "
            "nước sinh hoạt trong mùa nắng nóng.",
        ],
        "ket_qua": [
            "Tổ chức các hoạt động kỷ niệm 133 năm Ngày sinh Chủ tịch Hồ Chí Minh; tuyên "
            "truyền Luật Thực hiện dân chủ ở cơ sở, có hiệu lực từ ngày 01/7/2023.",
            "Phối hợp tổ chức hội nghị đối thoại giữa lãnh đạo phường với Nhân dân; tuyên "
            "truyền Luật Thực hiện dân chủ ở cơ sở.",
        ],
        "phuong_huong": [
            "Chuẩn bị sơ kết công tác dân vận 6 tháng đầu năm 2023 và các hoạt động tri ân "
            "nhân Ngày Thương binh - Liệt sĩ.",
        ],
    },
    6: {
        "tinh_hinh": [
            "Nhân dân {place} tin tưởng vào sự lãnh đạo của cấp ủy, chính quyền; tình hình "
            "an ninh trật tự được giữ vững.",
        ],
        "ket_qua": [
            "Sơ kết công tác dân vận 6 tháng đầu năm 2023; hướng dẫn các tổ dân phố rà soát "
            "hương ước, quy ước theo Luật Thực hiện dân chủ ở cơ sở.",
        ],
        "danh_gia": [
            "Công tác dân vận 6 tháng đầu năm hoàn thành các chỉ tiêu đề ra; việc giải quyết "
            "một số đơn kiến nghị về đất đai còn kéo dài.",
        ],
        "phuong_huong": [
            "Triển khai nhiệm vụ công tác dân vận 6 tháng cuối năm 2023; thăm hỏi, tặng quà "
            "các gia đình thương binh, liệt sĩ, người có công nhân Ngày Thương binh - Liệt sĩ.",
        ],
    },
}
REQUESTS = [
    "Đề nghị Quận quan tâm bố trí kinh phí sửa chữa nhà văn hóa tổ dân phố.",
    "Đề nghị các cơ quan chức năng của Quận sớm trả lời các kiến nghị của Nhân dân về "
    "giải phóng mặt bằng.",
    "Đề nghị Quận tổ chức tập huấn nghiệp vụ công tác dân vận cho cán bộ tổ dân phố.",
]


def hoang_mai_wards() -> list[tuple[str, str]]:
    """(code, name) of the 14 phường of Quận Hoàng Mai, as the demo tree codes them."""
    (district,) = [d for d in data.DISTRICTS if d["code"] == HOANG_MAI]
    return [(f"{HOANG_MAI}-{code_part(ward)}", ward) for ward in district["wards"]]


def ward_narrative(code: str, name: str, month: periods.Period) -> dict[str, str]:
    """What a ward wrote for a month; the same arguments give the same words."""
    pick = random.Random(f"demo-narrative:{code}:{month.code}")
    place = place_phrase(name)
    narrative = {
        section: pick.choice(variants).format(place=place)
        for section, variants in NARRATIVES[month.first_month].items()
    }
    if pick.random() < 0.25:
        narrative["kien_nghi"] = pick.choice(REQUESTS)
    return narrative


class DraftingLoader:
    """Writes the numbering and Hoàng Mai's reports; ``tally`` counts by category, status."""

    def __init__(self, progress: Callable[[str], None]) -> None:
        self.progress = progress
        self.tally: Counter[tuple[str, str]] = Counter()

    def run(self) -> Counter[tuple[str, str]]:
        self.progress("Cách đánh số văn bản của các Ban Dân vận và hai phường mới…")
        self.load_numbering()
        self.progress("Báo cáo tháng 01–06/2023 của 14 phường quận Hoàng Mai…")
        self.load_hoang_mai()
        return self.tally

    def load_numbering(self) -> None:
        codes = [row[0] for row in NUMBERINGS]
        units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
        existing = {
            n.org_unit_id: n for n in IssuerNumbering.objects.filter(org_unit__in=units.values())
        }
        for code, style, issuer_code, term, place in NUMBERINGS:
            unit = units.get(code)
            if unit is None:
                continue
            if unit.pk in existing:
                # Set already, by an earlier load or by an officer since: left as it is.
                self.tally[NUMBERING, KEPT] += 1
                continue
            numbering_configure(
                actor=SYSTEM,
                org_unit=unit,
                style=style,
                issuer_code=issuer_code,
                term_label=term,
                place_name=place,
            )
            self.tally[NUMBERING, CREATED] += 1

    def load_hoang_mai(self) -> None:
        ensure_catalog()
        form = ReportForm.objects.get(code=MONTHLY_FORM)
        wards = hoang_mai_wards()
        units = {u.code: u for u in OrgUnit.objects.filter(code__in=[c for c, _ in wards])}
        months = month_range(*HOANG_MAI_MONTHS)
        done = set(
            Report.objects.filter(
                form=form, org_unit__in=units.values(), period__in=[m.code for m in months]
            ).values_list("org_unit_id", "period")
        )
        for code, name in wards:
            unit = units.get(code)
            if unit is None:
                continue
            for month in months:
                if (unit.pk, month.code) in done:
                    self.tally[REPORTS, KEPT] += 1
                    continue
                self._report(form, unit, name, month, months[0])
                self.tally[REPORTS, CREATED] += 1

    @staticmethod
    def _report(
        form: ReportForm, unit: OrgUnit, name: str, month: periods.Period, first: periods.Period
    ) -> None:
        period = month.code
        report_save_narrative(
            actor=SYSTEM,
            form=form,
            org_unit=unit,
            period=period,
            narrative=ward_narrative(unit.code, name, month),
        )
        figures = monthly_figures(unit.code, month, first, scale=1.0)
        # District-era figures, typed before any register was kept.
        data_values_save(
            actor=SYSTEM,
            org_unit=unit,
            period=period,
            values=figures,
            form=form,
            before_register=True,
        )
        report_submit(actor=SYSTEM, form=form, org_unit=unit, period=period)
        report_approve(actor=SYSTEM, form=form, org_unit=unit, period=period)
        FigureLoader._backdate(form, unit, period)


def load_drafting(progress: Callable[[str], None]) -> Counter[tuple[str, str]]:
    return DraftingLoader(progress).run()
