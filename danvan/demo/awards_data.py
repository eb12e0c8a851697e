"""The seeds' awards, as decisions with their danh sách, and a few of today's.

Plain data, no logic: ``danvan.demo.awards_loader`` records it through the services.

What the seeds say (the counts, the meetings, what was rewarded): seed 004, Tân Bình's
tổng kết of 2019 (13/01/2020): "khen thưởng 10 tập thể, 6 cá nhân có thành tích trong
công tác dân vận; khen thưởng 9 tập thể, 5 cá nhân có thành tích trong công tác Quy chế dân
chủ ở cơ sở năm 2019"; seed 003, Tây Hồ's tổng kết (02/7/2020): 7 tập thể for QĐ 290, 7
tập thể and 5 cá nhân for KL 66, 6 tập thể and 4 cá nhân for CT 43.

What they do not say is demo data, marked so: who decided (the district's Party
committee for the Party's work, its People's Committee for the Quy chế dân chủ), the
decisions' numbers and dates, and the names — collectives are the district's wards and
organisations of the tree, individuals are invented names (``NOTE``).
"""

from __future__ import annotations

from typing import Any

NOTE = "Dữ liệu trình diễn: tên, số và ngày quyết định do hệ thống đặt, bài viết chỉ nêu số lượng."

_TB_WARDS = [f"HCM-TB-P{n:02d}" for n in range(1, 16)]
_TH_WARDS = [
    "HN-TH-BUOI",
    "HN-TH-NHATTAN",
    "HN-TH-PHUTHUONG",
    "HN-TH-QUANGAN",
    "HN-TH-THUYKHUE",
    "HN-TH-TULIEN",
    "HN-TH-XUANLA",
    "HN-TH-YENPHU",
]

# (full name, post as the danh sách writes it)
_TB_PEOPLE_DV = [
    ("Nguyễn Thị Thu Hà", "Chủ tịch Ủy ban MTTQ Phường 2"),
    ("Trần Văn Lợi", "Trưởng Khối dân vận Phường 4"),
    ("Lê Minh Tuấn", "Bí thư Đoàn Phường 7"),
    ("Phạm Thị Lan", "Chủ tịch Hội Liên hiệp Phụ nữ Phường 9"),
    ("Võ Văn Hải", "Chủ tịch Hội Cựu chiến binh Phường 11"),
    ("Đặng Thị Mỹ Dung", "Chuyên viên Ban Dân vận Quận ủy"),
]
_TB_PEOPLE_QCDC = [
    ("Huỳnh Văn Phúc", "Phó Chủ tịch Ủy ban nhân dân Phường 3"),
    ("Ngô Thị Kim Oanh", "Công chức Tư pháp - Hộ tịch Phường 5"),
    ("Bùi Quang Vinh", "Trưởng khu phố 2, Phường 8"),
    ("Trương Thị Hồng", "Tổ trưởng tổ dân phố 14, Phường 12"),
    ("Lâm Văn Sang", "Trưởng Ban Thanh tra nhân dân Phường 14"),
]
_TH_PEOPLE_KL66 = [
    ("Nguyễn Văn Hùng", "Chủ tịch Hội Cựu chiến binh phường Bưởi"),
    ("Đỗ Thị Thanh", "Phó Chủ tịch Hội Cựu chiến binh phường Nhật Tân"),
    ("Trần Quốc Bảo", "Chủ tịch Hội Cựu chiến binh phường Quảng An"),
    ("Lê Văn Thịnh", "Hội viên Hội Cựu chiến binh phường Thụy Khuê"),
    ("Phạm Văn Toàn", "Chủ tịch Hội Cựu chiến binh phường Yên Phụ"),
]
_TH_PEOPLE_CT43 = [
    ("Hoàng Thị Nga", "Chủ tịch Hội Chữ thập đỏ phường Tứ Liên"),
    ("Vũ Thị Hạnh", "Phó Chủ tịch Hội Chữ thập đỏ phường Xuân La"),
    ("Nguyễn Thị Minh", "Tình nguyện viên Hội Chữ thập đỏ phường Phú Thượng"),
    ("Đinh Văn Long", "Chủ tịch Hội Chữ thập đỏ phường Bưởi"),
]

# key: issuer code, form code, date, reason, proposer code, register reference (number,
# symbol, issuer code, title), meeting key (danvan.demo.meetings_data), collectives (unit
# codes), individuals.
DECISIONS: dict[str, dict[str, Any]] = {
    "TB-2019-DV": {
        "issuer": "HCM-TB-CU",
        "form": "giay-khen",
        "decided_on": "2020-01-08",
        "reason": "Đã có thành tích trong công tác dân vận năm 2019",
        "proposed_by": "HCM-TB-BDV",
        "proposed_on": "2019-12-27",
        "council_on": "2020-01-03",
        "council_opinion": "Hội đồng Thi đua - Khen thưởng Quận ủy thống nhất đề nghị tặng "
        "Giấy khen cho 10 tập thể, 6 cá nhân.",
        "signer_name": "Phạm Thị Út",
        "signer_title": "Phó Bí thư Thường trực",
        "register": ("412", "QĐ", "QU"),
        "meeting": "TB-2020-01",
        "collectives": [f"{w}-MTTQ" for w in _TB_WARDS[:5]] + [f"{w}-BDV" for w in _TB_WARDS[5:10]],
        "individuals": _TB_PEOPLE_DV,
    },
    "TB-2019-QCDC": {
        "issuer": "HCM-TB-UBND",
        "form": "giay-khen",
        "decided_on": "2020-01-09",
        "reason": "Đã có thành tích trong công tác Quy chế dân chủ ở cơ sở năm 2019",
        "proposed_by": "HCM-TB-BDV",
        "proposed_on": "2019-12-27",
        "council_on": "2020-01-06",
        "council_opinion": "Hội đồng Thi đua - Khen thưởng quận thống nhất đề nghị tặng Giấy "
        "khen cho 9 tập thể, 5 cá nhân.",
        "signer_name": "",
        "signer_title": "Chủ tịch",
        "register": ("37", "QĐ", "UBND"),
        "meeting": "TB-2020-01",
        "collectives": [f"{w}-UBND" for w in _TB_WARDS[6:15]],
        "individuals": _TB_PEOPLE_QCDC,
    },
    "TH-2020-QD290": {
        "issuer": "HN-TH-CU",
        "form": "giay-khen",
        "decided_on": "2020-06-26",
        "reason": "Đã có thành tích trong 10 năm thực hiện Quyết định số 290-QĐ/TW ngày "
        "25/02/2010 của Bộ Chính trị về Quy chế công tác dân vận của hệ thống chính trị",
        "proposed_by": "HN-TH-BDV",
        "proposed_on": "2020-06-15",
        "council_on": "2020-06-22",
        "council_opinion": "",
        "signer_name": "Nguyễn Anh Tuấn",
        "signer_title": "Phó Bí thư Thường trực",
        "register": ("305", "QĐ", "QU"),
        "meeting": "TH-2020",
        "collectives": [f"{w}-BDV" for w in _TH_WARDS[:7]],
        "individuals": [],
    },
    "TH-2020-KL66": {
        "issuer": "HN-TH-CU",
        "form": "giay-khen",
        "decided_on": "2020-06-26",
        "reason": "Đã có thành tích trong 10 năm thực hiện Kết luận số 66-KL/TW ngày "
        "04/3/2010 của Ban Bí thư",
        "proposed_by": "HN-TH-CCB",
        "proposed_on": "2020-06-15",
        "council_on": "2020-06-22",
        "council_opinion": "",
        "signer_name": "Nguyễn Anh Tuấn",
        "signer_title": "Phó Bí thư Thường trực",
        "register": ("306", "QĐ", "QU"),
        "meeting": "TH-2020",
        "collectives": [f"{w}-CCB" for w in _TH_WARDS[:7]],
        "individuals": _TH_PEOPLE_KL66,
    },
    "TH-2020-CT43": {
        "issuer": "HN-TH-CU",
        "form": "giay-khen",
        "decided_on": "2020-06-26",
        "reason": "Đã có thành tích trong 10 năm thực hiện Chỉ thị số 43-CT/TW ngày "
        "08/6/2010 của Ban Bí thư",
        "proposed_by": "HN-TH-CTD",
        "proposed_on": "2020-06-15",
        "council_on": "2020-06-22",
        "council_opinion": "",
        "signer_name": "Nguyễn Anh Tuấn",
        "signer_title": "Phó Bí thư Thường trực",
        "register": ("307", "QĐ", "QU"),
        "meeting": "TH-2020",
        "collectives": [f"{w}-CTD" for w in _TH_WARDS[1:7]],
        "individuals": _TH_PEOPLE_CT43,
    },
}

# Today's structure (danvan.demo.current_*): the ward of Định Công's People's Committee
# gives Giấy khen for 2025's dân vận work, dated relative to the day of the load (days
# before it); one award revoked; one decision still being drawn up (no number yet).
CURRENT: dict[str, dict[str, Any]] = {
    "DC-2025-DV": {
        "issuer": "HN-DINHCONG-UBND",
        "form": "giay-khen",
        "days_ago": 40,
        "reason": "Đã có thành tích xuất sắc trong công tác dân vận năm 2025",
        "proposed_by": "HN-DINHCONG-MTTQ",
        "council_opinion": "Hội đồng Thi đua - Khen thưởng phường thống nhất đề nghị khen "
        "thưởng 3 tập thể, 2 cá nhân.",
        "signer_title": "Chủ tịch",
        "register": ("15", "QĐ", "UBND"),
        "collectives": ["HN-DINHCONG-MTTQ-CCB", "HN-DINHCONG-MTTQ-LHPN", "HN-DINHCONG-MTTQ-DTN"],
        "individuals": [
            ("Nguyễn Thị Bích Ngọc", "Bí thư Chi bộ khu dân cư số 1"),
            ("Trần Đức Mạnh", "Trưởng Ban công tác Mặt trận khu dân cư số 2"),
        ],
        "revoke": ("Trần Đức Mạnh", "Kê khai thành tích không đúng (dữ liệu trình diễn)"),
    },
    "DC-2025-GD": {
        "issuer": "HN-DINHCONG-UBND",
        "form": "gia-dinh-van-hoa",
        "days_ago": 5,
        "reason": "Đạt danh hiệu Gia đình văn hóa năm 2025",
        "proposed_by": "HN-DINHCONG-MTTQ",
        "council_opinion": "",
        "signer_title": "Chủ tịch",
        "register": None,
        "collectives": [],
        "individuals": [],
        "households": [
            ("Gia đình ông Lê Văn Khải", "Khu dân cư số 1, phường Định Công"),
            ("Gia đình bà Phạm Thị Sen", "Khu dân cư số 3, phường Định Công"),
        ],
    },
}

# Recognised "Dân vận khéo" models of today's Hà Nội wards (danvan.demo.emulation_data)
# rewarded by their ward's People's Committee, after the models are loaded: (issuer, model
# name, days before the load).
MODEL_AWARDS: list[tuple[str, str, int]] = [
    ("HN-DINHCONG-UBND", "Camera an ninh «Mắt thần khu phố» tổ dân phố số 1", 2),
]
MODEL_REASON = "Đã có thành tích trong phong trào thi đua “Dân vận khéo” năm 2026"
