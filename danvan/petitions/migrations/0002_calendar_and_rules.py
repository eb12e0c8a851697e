"""Seed the calendar of days off (2019–2027) and the legal periods of petitions.

Days off are those of civil servants and public employees (Bộ luật Lao động 2012, then
2019 Điều 112: Tết Dương lịch, 5 days of Tết Âm lịch, Giỗ Tổ Hùng Vương 10/3 âm lịch,
30/4, 1/5, Quốc khánh 2/9 — 2 days with a day next to it from 2021), with the compensatory
weekday when a holiday falls on a weekend and the swaps the Ministry of Labour announced
each year (a weekday off exchanged for a Saturday worked: *ngày làm bù*). Weekends inside
a Tết break are listed too, so the break reads whole in the admin. Rows marked
``verified=False`` are the expected arrangement, not yet checked against the year's
notice: administrators correct them in Django admin (the calendar is data).

The periods (DeadlineRule) carry their legal basis; ⚠ in the basis marks what DOMAIN.md
§6b marks as not verified.
"""

from __future__ import annotations

import datetime as dt

from django.db import migrations

D = dt.date
LD = "Bộ luật Lao động 2019, Điều 112"
TB = "Thông báo nghỉ lễ, Tết của Bộ Lao động - Thương binh và Xã hội năm {year}"


def _span(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


# (first day, last day, name, verified)
HOLIDAYS: list[tuple[dt.date, dt.date, str, bool]] = [
    # 2019
    (D(2018, 12, 31), D(2019, 1, 1), "Tết Dương lịch 2019 (nghỉ 31/12/2018, hoán đổi)", True),
    (D(2019, 2, 2), D(2019, 2, 10), "Tết Nguyên đán Kỷ Hợi", True),
    (D(2019, 4, 14), D(2019, 4, 15), "Giỗ Tổ Hùng Vương (nghỉ bù thứ Hai 15/4)", True),
    (D(2019, 4, 29), D(2019, 5, 1), "Ngày Chiến thắng 30/4 và Quốc tế Lao động 1/5 (nghỉ 29/4, hoán đổi)", True),
    (D(2019, 9, 2), D(2019, 9, 2), "Quốc khánh", True),
    # 2020
    (D(2020, 1, 1), D(2020, 1, 1), "Tết Dương lịch", True),
    (D(2020, 1, 23), D(2020, 1, 29), "Tết Nguyên đán Canh Tý", True),
    (D(2020, 4, 2), D(2020, 4, 2), "Giỗ Tổ Hùng Vương", True),
    (D(2020, 4, 30), D(2020, 5, 1), "Ngày Chiến thắng 30/4 và Quốc tế Lao động 1/5", True),
    (D(2020, 9, 2), D(2020, 9, 2), "Quốc khánh", True),
    # 2021 (Bộ luật Lao động 2019: Quốc khánh 2 ngày)
    (D(2021, 1, 1), D(2021, 1, 1), "Tết Dương lịch", True),
    (D(2021, 2, 10), D(2021, 2, 16), "Tết Nguyên đán Tân Sửu", True),
    (D(2021, 4, 21), D(2021, 4, 21), "Giỗ Tổ Hùng Vương", True),
    (D(2021, 4, 30), D(2021, 5, 1), "Ngày Chiến thắng 30/4 và Quốc tế Lao động 1/5", True),
    (D(2021, 5, 3), D(2021, 5, 3), "Nghỉ bù Quốc tế Lao động (1/5 là thứ Bảy)", True),
    (D(2021, 9, 2), D(2021, 9, 3), "Quốc khánh", True),
    # 2022
    (D(2022, 1, 1), D(2022, 1, 1), "Tết Dương lịch", True),
    (D(2022, 1, 3), D(2022, 1, 3), "Nghỉ bù Tết Dương lịch (1/1 là thứ Bảy)", True),
    (D(2022, 1, 29), D(2022, 2, 6), "Tết Nguyên đán Nhâm Dần", True),
    (D(2022, 4, 10), D(2022, 4, 11), "Giỗ Tổ Hùng Vương (nghỉ bù thứ Hai 11/4)", True),
    (D(2022, 4, 30), D(2022, 5, 3), "30/4 và 1/5 (nghỉ bù thứ Hai 2/5, thứ Ba 3/5)", True),
    (D(2022, 9, 1), D(2022, 9, 2), "Quốc khánh", True),
    # 2023
    (D(2023, 1, 1), D(2023, 1, 2), "Tết Dương lịch (nghỉ bù thứ Hai 2/1)", True),
    (D(2023, 1, 20), D(2023, 1, 26), "Tết Nguyên đán Quý Mão (nghỉ 20/1, hoán đổi)", True),
    (D(2023, 4, 29), D(2023, 5, 3), "Giỗ Tổ Hùng Vương, 30/4 và 1/5 (nghỉ bù 2/5, 3/5)", True),
    (D(2023, 9, 1), D(2023, 9, 4), "Quốc khánh (nghỉ bù thứ Hai 4/9)", True),
    # 2024
    (D(2024, 1, 1), D(2024, 1, 1), "Tết Dương lịch", True),
    (D(2024, 2, 8), D(2024, 2, 14), "Tết Nguyên đán Giáp Thìn", True),
    (D(2024, 4, 18), D(2024, 4, 18), "Giỗ Tổ Hùng Vương", True),
    (D(2024, 4, 29), D(2024, 5, 1), "30/4 và 1/5 (nghỉ thứ Hai 29/4, hoán đổi)", True),
    (D(2024, 9, 2), D(2024, 9, 3), "Quốc khánh", True),
    # 2025
    (D(2025, 1, 1), D(2025, 1, 1), "Tết Dương lịch", True),
    (D(2025, 1, 25), D(2025, 2, 2), "Tết Nguyên đán Ất Tỵ", True),
    (D(2025, 4, 7), D(2025, 4, 7), "Giỗ Tổ Hùng Vương", True),
    (D(2025, 4, 30), D(2025, 5, 2), "30/4 và 1/5 (nghỉ thứ Sáu 2/5, hoán đổi)", True),
    (D(2025, 9, 1), D(2025, 9, 2), "Quốc khánh", True),
    # 2026
    (D(2026, 1, 1), D(2026, 1, 1), "Tết Dương lịch", True),
    (D(2026, 2, 14), D(2026, 2, 22), "Tết Nguyên đán Bính Ngọ", True),
    (D(2026, 4, 26), D(2026, 4, 27), "Giỗ Tổ Hùng Vương (nghỉ bù thứ Hai 27/4)", True),
    (D(2026, 4, 30), D(2026, 5, 1), "Ngày Chiến thắng 30/4 và Quốc tế Lao động 1/5", True),
    (D(2026, 9, 2), D(2026, 9, 2), "Quốc khánh", True),
    (D(2026, 9, 1), D(2026, 9, 1), "Quốc khánh (ngày liền kề, dự kiến)", False),
    # 2027: expected from the Labour Code, not yet announced.
    (D(2027, 1, 1), D(2027, 1, 1), "Tết Dương lịch", False),
    (D(2027, 2, 5), D(2027, 2, 11), "Tết Nguyên đán Đinh Mùi (dự kiến)", False),
    (D(2027, 4, 16), D(2027, 4, 16), "Giỗ Tổ Hùng Vương (dự kiến)", False),
    (D(2027, 4, 30), D(2027, 5, 1), "Ngày Chiến thắng 30/4 và Quốc tế Lao động 1/5", False),
    (D(2027, 5, 3), D(2027, 5, 3), "Nghỉ bù Quốc tế Lao động (dự kiến)", False),
    (D(2027, 9, 2), D(2027, 9, 3), "Quốc khánh (dự kiến)", False),
]
# (Saturday worked, what it pays back, verified)
MAKEUP: list[tuple[dt.date, str, bool]] = [
    (D(2019, 1, 5), "Làm bù cho thứ Hai 31/12/2018", True),
    (D(2019, 5, 4), "Làm bù cho thứ Hai 29/4/2019", True),
    (D(2023, 1, 14), "Làm bù cho thứ Sáu 20/01/2023 (Tết Quý Mão)", True),
    (D(2024, 5, 4), "Làm bù cho thứ Hai 29/4/2024", True),
    (D(2025, 4, 26), "Làm bù cho thứ Sáu 02/5/2025", True),
]

KN = "Luật Khiếu nại 02/2011/QH13"
TC = "Luật Tố cáo 25/2018/QH14"
# (kind, stage, days, complex days, counting, counted from, basis, verified)
RULES = [
    (
        "chua_phan_loai", "phan_loai", 10, None, "working", "ngay_nhan",
        "Thông tư 05/2021/TT-TTCP: trong thời hạn 10 ngày làm việc kể từ ngày nhận được đơn, "
        "người xử lý đơn phải nghiên cứu, phân loại và đề xuất xử lý ⚠ (đối chiếu điều khoản).",
        False,
    ),
    (
        "khieu_nai", "thu_ly", 10, None, "calendar", "ngay_nhan",
        f"{KN}, Điều 27: trong thời hạn 10 ngày kể từ ngày nhận được khiếu nại thuộc thẩm "
        "quyền, người có thẩm quyền giải quyết lần đầu phải thụ lý, thông báo thụ lý hoặc từ "
        "chối thụ lý (nêu rõ lý do).",
        True,
    ),
    (
        "khieu_nai", "giai_quyet", 30, 45, "calendar", "ngay_thu_ly",
        f"{KN}, Điều 28: thời hạn giải quyết khiếu nại lần đầu không quá 30 ngày kể từ ngày "
        "thụ lý; vụ việc phức tạp không quá 45 ngày (vùng sâu, vùng xa: 45 và 60 ngày) ⚠.",
        False,
    ),
    (
        "to_cao", "thu_ly", 7, None, "working", "ngay_nhan",
        f"{TC}, Điều 24: trong thời hạn 07 ngày làm việc kể từ ngày nhận được tố cáo, cơ quan, "
        "tổ chức, cá nhân tiếp nhận phải vào sổ, phân loại, xử lý ban đầu và kiểm tra, xác "
        "minh thông tin ⚠.",
        False,
    ),
    (
        "to_cao", "giai_quyet", 30, 60, "calendar", "ngay_thu_ly",
        f"{TC}, Điều 30: thời hạn giải quyết tố cáo không quá 30 ngày kể từ ngày thụ lý; vụ "
        "việc phức tạp gia hạn một lần không quá 30 ngày ⚠.",
        False,
    ),
    (
        "kien_nghi", "thu_ly", 10, None, "working", "ngay_nhan",
        "Thông tư 05/2021/TT-TTCP: đơn kiến nghị, phản ánh được xử lý trong 10 ngày làm việc "
        "kể từ ngày nhận ⚠ (đối chiếu điều khoản).",
        False,
    ),
    (
        "kien_nghi", "giai_quyet", 30, None, "calendar", "ngay_thu_ly",
        "Thời hạn giải quyết kiến nghị, phản ánh theo quy chế của cơ quan (mặc định 30 ngày) "
        "⚠ — chưa có căn cứ chung, đơn vị sửa theo quy chế của mình.",
        False,
    ),
]


def seed(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    CalendarDay = apps.get_model("petitions", "CalendarDay")
    DeadlineRule = apps.get_model("petitions", "DeadlineRule")
    for first, last, name, verified in HOLIDAYS:
        for day in _span(first, last):
            CalendarDay.objects.update_or_create(
                day=day,
                defaults={
                    "kind": "nghi",
                    "name": name,
                    "basis": f"{LD}; {TB.format(year=first.year if first.month > 1 else day.year)}",
                    "verified": verified,
                },
            )
    for day, name, verified in MAKEUP:
        CalendarDay.objects.update_or_create(
            day=day,
            defaults={
                "kind": "lam_bu",
                "name": name,
                "basis": TB.format(year=day.year),
                "verified": verified,
            },
        )
    for kind, stage, days, complex_days, counting, start, basis, verified in RULES:
        DeadlineRule.objects.update_or_create(
            kind=kind,
            stage=stage,
            valid_from=D(2014, 7, 1),
            defaults={
                "days": days,
                "complex_days": complex_days,
                "counting": counting,
                "counted_from": start,
                "basis": basis,
                "verified": verified,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
