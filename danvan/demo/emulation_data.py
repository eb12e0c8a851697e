"""Demo data of the "Dân vận khéo" register: plain data, no logic (see ``emulation``).

Invented models of today's Hà Nội wards (DOMAIN.md §3), registered in the city's yearly
campaign; each is taken by the demo to the state named here. Names and addresses are
illustrations (``DEMO_NOTE``).
"""

from __future__ import annotations

from typing import Any

DEMO_NOTE = "Dữ liệu minh họa: mô hình, địa chỉ và kết quả không có thật."
CITY = "HN"
CITY_BOARD = "HN-BTGDV"
DOCUMENT = {
    "number": "12",
    "symbol": "KH/BTGDVTU",
    "issuer_code": "BTGDVTU",
    "issuer_name": "Ban Tuyên giáo và Dân vận Thành ủy Hà Nội",
    "type": "Kế hoạch",
}
# The criteria of DOMAIN.md §3 [S18], scored out of 100.
CRITERIA = [
    ("Có tên, địa chỉ cụ thể; thuộc một lĩnh vực", 10),
    ("Được cấp ủy, chính quyền lãnh đạo, chỉ đạo và đăng ký với cơ quan phát động", 10),
    ("Huy động được nhiều lực lượng cùng tham gia", 15),
    ("Được Nhân dân đồng tình, hưởng ứng", 20),
    ("Giải quyết được vấn đề thiết thực, bức xúc ở cơ sở", 25),
    ("Được cơ quan có thẩm quyền ghi nhận", 10),
    ("Bền vững, có khả năng duy trì và nhân rộng", 10),
]
MILESTONES = [
    ("Hạn đăng ký mô hình", 3, 31),
    ("Sơ kết 6 tháng", 6, 30),
    ("Tôn vinh nhân Ngày Dân vận 15/10", 10, 15),
    ("Đánh giá, công nhận cuối năm", 11, 30),
]

# Each model: ward code, registering unit suffix ("" = the ward's Front collects), lead
# unit suffix, name, field code, kind, holder, address, target state, extras.
# ``level`` is the recognition level; ``public`` puts it on the portal; ``last_month``
# dates its recognition in the last closed month (the demo ward's report counts it).
MODELS: list[dict[str, Any]] = [
    {
        "ward": "HN-DINHCONG",
        "lead": "TDP01-BCTMT",
        "name": "Camera an ninh «Mắt thần khu phố» tổ dân phố số 1",
        "field": "quoc-phong-an-ninh",
        "address": "Tổ dân phố số 1, phường Định Công",
        "state": "cong_nhan",
        "level": "co-so",
        "public": True,
        "last_month": True,
        "funds": "12.5",
        "socialised": "48",
        "workdays": 120,
        "summary": "Nhân dân góp 48 triệu đồng lắp 16 camera ở các ngõ; từ khi lắp, trên địa "
        "bàn không còn mất trộm xe máy, hai vụ việc được phát hiện và báo công an kịp thời.",
    },
    {
        "ward": "HN-DINHCONG",
        "lead": "TDP02-CHPN",
        "name": "Tuyến phố văn minh, không rác thải nhựa tổ dân phố số 2",
        "field": "van-hoa-xa-hoi",
        "address": "Phố Định Công Thượng, tổ dân phố số 2",
        "state": "dang_thuc_hien",
    },
    {
        "ward": "HN-DINHCONG",
        "lead": "TDP03-CHNCT",
        "name": "Bữa cơm nghĩa tình cho người cao tuổi neo đơn",
        "field": "van-hoa-xa-hoi",
        "address": "Nhà văn hóa tổ dân phố số 3, phường Định Công",
        "state": "so_ket",
    },
    {
        "ward": "HN-DINHCONG",
        "lead": "TDP04-BCTMT",
        "name": "Tổ liên gia tự quản, hòa giải mâu thuẫn ngay tại cơ sở",
        "field": "xay-dung-he-thong-chinh-tri",
        "address": "Tổ dân phố số 4, phường Định Công",
        "state": "danh_gia",
    },
    {
        "ward": "HN-DINHCONG",
        "lead": "MTTQ-LHPN",
        "name": "Phụ nữ Định Công khởi nghiệp xanh",
        "field": "kinh-te",
        "address": "Hội Liên hiệp Phụ nữ phường Định Công",
        "state": "dang_ky",
    },
    {
        "ward": "HN-DINHCONG",
        "lead": "MTTQ-CCB",
        "name": "Cựu chiến binh gương mẫu gom phế liệu giúp hộ nghèo",
        "field": "kinh-te",
        "kind": "dien_hinh",
        "holder": "ca_nhan",
        "address": "Chi hội Cựu chiến binh tổ dân phố số 2",
        "state": "kiem_tra",
    },
    {
        "ward": "HN-HOANGMAI",
        "lead": "MTTQ",
        "name": "Chợ dân sinh thanh toán không dùng tiền mặt",
        "field": "kinh-te",
        "address": "Chợ dân sinh phường Hoàng Mai",
        "state": "tieu_bieu",
        "level": "tinh",
    },
    {
        "ward": "HN-TUONGMAI",
        "lead": "MTTQ-HND",
        "name": "Vườn rau sạch trên đất trống khu tập thể",
        "field": "kinh-te",
        "address": "Khu tập thể Tương Mai",
        "state": "nhan_rong",
        "level": "co-so",
    },
    {
        "ward": "HN-HOANGLIET",
        "lead": "MTTQ-DTN",
        "name": "Điểm sinh hoạt cộng đồng số hóa, hướng dẫn dịch vụ công trực tuyến",
        "field": "xay-dung-he-thong-chinh-tri",
        "address": "Nhà văn hóa khu đô thị Linh Đàm",
        "state": "de_nghi_khen_thuong",
        "level": "tinh",
    },
    {
        "ward": "HN-TAYHO",
        "lead": "MTTQ-DTN",
        "name": "Thanh niên tình nguyện giữ gìn cảnh quan ven hồ Tây",
        "field": "van-hoa-xa-hoi",
        "address": "Đường ven hồ Tây, phường Tây Hồ",
        "state": "cong_nhan",
        "level": "co-so",
        "public": True,
        "summary": "Mỗi sáng Chủ nhật, 40 đoàn viên thu gom rác và hướng dẫn du khách; 3,2 km "
        "bờ hồ được giữ sạch, 12 thùng phân loại rác do doanh nghiệp trên địa bàn tài trợ.",
    },
    {
        "ward": "HN-HOANKIEM",
        "lead": "MTTQ",
        "name": "Tổ dân phố không có tội phạm và tệ nạn ma túy",
        "field": "quoc-phong-an-ninh",
        "address": "Tổ dân phố số 7, phường Hoàn Kiếm",
        "state": "dung",
        "stop": "Tổ dân phố được sắp xếp lại; mô hình được đăng ký lại ở tổ dân phố mới.",
    },
    {
        "ward": "HN-CUANAM",
        "lead": "MTTQ-DTN",
        "name": "Ngày thứ Bảy xanh của đoàn viên thanh niên",
        "field": "van-hoa-xa-hoi",
        "address": "Các tuyến phố phường Cửa Nam",
        "state": "dang_ky",
    },
    {
        "ward": "HN-YENSO",
        "lead": "MTTQ-LHPN",
        "name": "Tổ tiết kiệm hội viên giúp nhau thoát nghèo",
        "field": "kinh-te",
        "address": "Chi hội Phụ nữ các tổ dân phố phường Yên Sở",
        "state": "dang_thuc_hien",
    },
    {
        "ward": "HN-PHUTHUONG",
        "lead": "MTTQ-HND",
        "name": "Làng hoa truyền thống gắn với du lịch cộng đồng",
        "field": "kinh-te",
        "address": "Làng hoa Phú Thượng",
        "state": "cong_nhan",
        "level": "co-so",
        "public": True,
        "summary": "32 hộ trồng hoa mở cửa đón khách tham quan, doanh thu bình quân tăng 18%; "
        "Hội Nông dân phường hướng dẫn bán hàng trực tuyến cho hội viên.",
    },
]
