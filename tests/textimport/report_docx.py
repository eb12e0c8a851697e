"""A ward's monthly report as Word (DOMAIN §5.1), built with python-docx for the tests of
«Nhập báo cáo đơn vị»: header, title «tháng 11 năm 2026», sections I–V with sub-sections,
figures in the prose and one table, where the gifts disagree (318 in the prose, 316 in
the table)."""

from __future__ import annotations

import io

HEADER = [
    "ĐẢNG BỘ PHƯỜNG ĐỊNH CÔNG",
    "BAN DÂN VẬN",
    "*",
    "Số 15-BC/BDVĐU",
    "Định Công, ngày 28 tháng 11 năm 2026",
    "BÁO CÁO",
    "kết quả công tác dân vận tháng 11 năm 2026, phương hướng, nhiệm vụ tháng 12 năm 2026",
    "Thực hiện Chương trình công tác năm 2026, Ban Dân vận Đảng ủy phường báo cáo như sau:",
]
BODY = [
    "I. TÌNH HÌNH NHÂN DÂN",
    "Nhân dân trong phường phấn khởi, tin tưởng vào sự lãnh đạo của Đảng; một số hộ còn băn "
    "khoăn về giá bồi thường khi mở rộng đường Định Công.",
    "II. KẾT QUẢ CÔNG TÁC DÂN VẬN",
    "1. Công tác lãnh đạo, chỉ đạo",
    "Ban Thường vụ Đảng ủy ban hành Kế hoạch số 15-KH/ĐU về thực hiện Chỉ thị 18-CT/TW.",
    "2. Công tác dân vận chính quyền",
    "Lãnh đạo UBND phường đã tiếp 45 lượt công dân, tiếp nhận 12 đơn thư.",
    "3. Công tác Mặt trận và các đoàn thể",
    "Các đoàn thể đã trao 318 suất quà cho hộ nghèo, hộ cận nghèo.",
    "III. ĐÁNH GIÁ",
    "Công tác dân vận có nhiều chuyển biến tích cực. Tuy nhiên, việc nắm tình hình ở một số "
    "khu dân cư còn chậm.",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 12",
    "Tiếp tục triển khai Quy chế dân chủ ở cơ sở; chuẩn bị tổng kết năm 2026.",
    "V. KIẾN NGHỊ, ĐỀ XUẤT",
    "Đề nghị Ban Dân vận Quận ủy mở lớp bồi dưỡng nghiệp vụ cho cán bộ phường.",
]
TABLE = [
    ["Chỉ tiêu", "Đơn vị tính", "Tháng 11", "Lũy kế"],
    ["Lượt tiếp công dân", "lượt", "45", "410"],
    ["Suất quà trao tặng", "suất", "316", "2.950"],
    ["Hội viên", "người", "1.250", "1.250"],
]
FOOTER = ["Nơi nhận:", "- Ban Dân vận Quận ủy;", "- Lưu.", "K/T TRƯỞNG BAN", "Nguyễn Văn An"]


def report_docx(
    *, body: list[str] | None = None, header: list[str] | None = None, table: bool = True
) -> bytes:
    import docx

    document = docx.Document()
    for line in header if header is not None else HEADER:
        document.add_paragraph(line)
    for line in body if body is not None else BODY:
        document.add_paragraph(line)
    if table:
        document.add_paragraph("PHỤ LỤC SỐ LIỆU")
        grid = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
        for r, row in enumerate(TABLE):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    for line in FOOTER:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
