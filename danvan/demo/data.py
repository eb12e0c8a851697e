"""Demo data: the places, bodies and officials of the five seed articles (2019–2023).

Plain data, no logic: ``danvan.demo.tree`` expands it into org units and
``danvan.demo.loader`` writes it through the services.

Names and titles are kept as the articles write them. Only obvious typing errors of
the sources are corrected, and each correction is listed here:

- seed 003: "Phó Chủ thịch Hội Chữ Thập đỏ Thành phố" → "Phó Chủ tịch ..."
- seed 003: "Trưởng phòng đoàn thể và các hội Ban Dận vận Thành ủy" → "... Ban Dân vận ..."
- seed 003: the body cites "Quyết định số 209-QĐ/TW" once and "290-QĐ/TW" once; the
  regulation on dân vận work is QĐ 290-QĐ/TW (2010), used in the source line below.

Seed 002 does not name its city; Tam Điệp is used because it is the city of Ninh Bình
province with 9 xã/phường ("5/9 xã, phường" in the article).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

# The last day of the district level: huyện, quận and their bodies end on 30/6/2025.
DISTRICT_ERA_END = dt.date(2025, 6, 30)
TWO_TIER_START = dt.date(2025, 7, 1)

# --- Lookup tables -------------------------------------------------------------------

# (code, rank, name, valid_to)
LEVELS = [
    ("trung-uong", 0, "Trung ương", None),
    ("tinh", 1, "Cấp tỉnh", None),
    ("huyen", 2, "Cấp huyện", DISTRICT_ERA_END),
    ("xa", 3, "Cấp xã", None),
    ("khu-dan-cu", 4, "Khu dân cư", None),
]

# (code, name, is_place); sort order is the order of the list.
UNIT_KINDS = [
    ("quoc-gia", "Quốc gia", True),
    ("thanh-pho-tw", "Thành phố trực thuộc trung ương", True),
    ("tinh", "Tỉnh", True),
    ("quan", "Quận", True),
    ("thanh-pho-thuoc-tinh", "Thành phố thuộc tỉnh", True),
    ("phuong", "Phường", True),
    ("xa", "Xã", True),
    ("dac-khu", "Đặc khu", True),
    ("to-dan-pho", "Tổ dân phố", True),
    ("thon", "Thôn", True),
    ("co-quan", "Cơ quan, tổ chức", False),
]

# (code, name, short_name, is_coordinating_board); sort order is the order of the list.
ORGANISATION_KINDS = [
    ("cap-uy", "Cấp ủy Đảng", "Cấp ủy", False),
    ("ban-dan-van", "Ban Dân vận / Ban Tuyên giáo và Dân vận / Khối dân vận", "BDV", True),
    ("ban-tuyen-giao", "Ban Tuyên giáo", "BTG", False),
    ("chinh-quyen", "Chính quyền (UBND)", "UBND", False),
    ("mttq", "Ủy ban Mặt trận Tổ quốc", "MTTQ", False),
    ("ccb", "Hội Cựu chiến binh", "CCB", False),
    ("lhpn", "Hội Liên hiệp Phụ nữ", "LHPN", False),
    ("dtn", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "ĐTN", False),
    ("hnd", "Hội Nông dân", "HND", False),
    ("ctd", "Hội Chữ thập đỏ", "CTĐ", False),
    ("nct", "Hội Người cao tuổi", "NCT", False),
    ("cd", "Công đoàn / Liên đoàn Lao động", "CĐ", False),
]

# --- The tree ------------------------------------------------------------------------

ROOT: dict[str, str] = {"code": "VN", "name": "Việt Nam", "level": "trung-uong", "kind": "quoc-gia"}

# Provinces with the bodies the seeds name. Organisation tuples: (code suffix, name,
# organisation kind, valid_from).
PROVINCES: list[dict[str, Any]] = [
    {
        "code": "HN",
        "name": "Thành phố Hà Nội",
        "kind": "thanh-pho-tw",
        "organisations": [
            ("TU", "Thành ủy Hà Nội", "cap-uy", None),
            ("BDV", "Ban Dân vận Thành ủy Hà Nội", "ban-dan-van", None),
            (
                "BTGDV",
                "Ban Tuyên giáo và Dân vận Thành ủy Hà Nội",
                "ban-dan-van",
                dt.date(2025, 3, 1),
            ),
            ("CTD", "Hội Chữ thập đỏ Thành phố Hà Nội", "ctd", None),
            ("CCB", "Hội Cựu chiến binh Thành phố Hà Nội", "ccb", None),
            # demo: the city's Front, lead unit of the city giao ban's tasks.
            ("MTTQ", "Ủy ban MTTQ Việt Nam Thành phố Hà Nội", "mttq", None),
        ],
    },
    {
        "code": "HCM",
        "name": "Thành phố Hồ Chí Minh",
        "kind": "thanh-pho-tw",
        "note": "Từ 01/7/2025 hợp nhất với tỉnh Bình Dương và tỉnh Bà Rịa - Vũng Tàu "
        "(Nghị quyết 202/2025/QH15); dữ liệu trình diễn chỉ có một phần địa bàn.",
        "organisations": [
            ("TU", "Thành ủy Thành phố Hồ Chí Minh", "cap-uy", None),
        ],
    },
    {
        "code": "NB",
        "name": "Tỉnh Ninh Bình",
        "kind": "tinh",
        "note": "Từ 01/7/2025 hợp nhất với tỉnh Hà Nam và tỉnh Nam Định "
        "(Nghị quyết 202/2025/QH15); dữ liệu trình diễn chỉ có một phần địa bàn.",
        "organisations": [
            ("TU", "Tỉnh ủy Ninh Bình", "cap-uy", None),
            # The provinces merged their boards like the centre (DOMAIN.md §6).
            (
                "BTGDV",
                "Ban Tuyên giáo và Dân vận Tỉnh ủy Ninh Bình",
                "ban-dan-van",
                dt.date(2025, 3, 1),
            ),
            ("MTTQ", "Ủy ban MTTQ Việt Nam tỉnh Ninh Bình", "mttq", None),
        ],
    },
]

# How a district-level unit names its bodies: "Quận ủy Hoàng Mai", "Thành đoàn Tam Điệp".
DISTRICT_STYLES = {
    "quan": {"place": "quận", "committee": "Quận ủy", "youth": "Quận đoàn"},
    "thanh-pho-thuoc-tinh": {"place": "thành phố", "committee": "Thành ủy", "youth": "Thành đoàn"},
}

# (code suffix, organisation kind, name template) for each district or city.
DISTRICT_ORGANISATIONS = [
    ("CU", "cap-uy", "{committee} {short}"),
    ("BDV", "ban-dan-van", "Ban Dân vận {committee} {short}"),
    ("UBND", "chinh-quyen", "Ủy ban nhân dân {place} {short}"),
    ("MTTQ", "mttq", "Ủy ban MTTQ {place} {short}"),
    ("CCB", "ccb", "Hội Cựu chiến binh {place} {short}"),
    ("LHPN", "lhpn", "Hội Liên hiệp Phụ nữ {place} {short}"),
    ("DTN", "dtn", "{youth} {short}"),
    ("HND", "hnd", "Hội Nông dân {place} {short}"),
    ("CTD", "ctd", "Hội Chữ thập đỏ {place} {short}"),
    ("NCT", "nct", "Hội Người cao tuổi {place} {short}"),
    ("CD", "cd", "Liên đoàn Lao động {place} {short}"),
]
# Bodies added only where a seed names them.
OPTIONAL_DISTRICT_ORGANISATIONS = {
    "ban-tuyen-giao": ("BTG", "ban-tuyen-giao", "Ban Tuyên giáo {committee} {short}"),
}

# (code suffix, organisation kind, name template) for each phường or xã of the
# district era; {place} is "phường Định Công", "xã Đông Sơn" or "Phường 1".
WARD_ORGANISATIONS = [
    ("CU", "cap-uy", "Đảng ủy {place}"),
    ("BDV", "ban-dan-van", "Khối dân vận {place}"),
    ("UBND", "chinh-quyen", "Ủy ban nhân dân {place}"),
    ("MTTQ", "mttq", "Ủy ban MTTQ {place}"),
    ("CCB", "ccb", "Hội Cựu chiến binh {place}"),
    ("LHPN", "lhpn", "Hội Liên hiệp Phụ nữ {place}"),
    ("DTN", "dtn", "Đoàn Thanh niên {place}"),
    ("CTD", "ctd", "Hội Chữ thập đỏ {place}"),
    ("NCT", "nct", "Hội Người cao tuổi {place}"),
]
COMMUNE_EXTRA_ORGANISATIONS = [("HND", "hnd", "Hội Nông dân {place}")]

# District-era units. Their valid_to is set by the successions below, not here.
DISTRICTS: list[dict[str, Any]] = [
    {
        "code": "HN-HM",
        "province": "HN",
        "name": "Quận Hoàng Mai",
        "short": "Hoàng Mai",
        "kind": "quan",
        # Seed 000: "20 năm thành lập Quận (25/11/2003 - 25/11/2023)".
        "valid_from": dt.date(2003, 11, 25),
        "wards": [
            "Phường Định Công",
            "Phường Đại Kim",
            "Phường Giáp Bát",
            "Phường Hoàng Liệt",
            "Phường Hoàng Văn Thụ",
            "Phường Lĩnh Nam",
            "Phường Mai Động",
            "Phường Tân Mai",
            "Phường Thanh Trì",
            "Phường Thịnh Liệt",
            "Phường Trần Phú",
            "Phường Tương Mai",
            "Phường Vĩnh Hưng",
            "Phường Yên Sở",
        ],
    },
    {
        "code": "HN-HK",
        "province": "HN",
        "name": "Quận Hoàn Kiếm",
        "short": "Hoàn Kiếm",
        "kind": "quan",
        "wards": [
            "Phường Chương Dương",
            "Phường Cửa Đông",
            "Phường Cửa Nam",
            "Phường Đồng Xuân",
            "Phường Hàng Bạc",
            "Phường Hàng Bài",
            "Phường Hàng Bồ",
            "Phường Hàng Bông",
            "Phường Hàng Buồm",
            "Phường Hàng Đào",
            "Phường Hàng Gai",
            "Phường Hàng Mã",
            "Phường Hàng Trống",
            "Phường Lý Thái Tổ",
            "Phường Phan Chu Trinh",
            "Phường Phúc Tân",
            "Phường Trần Hưng Đạo",
            "Phường Tràng Tiền",
        ],
    },
    {
        "code": "HN-TH",
        "province": "HN",
        "name": "Quận Tây Hồ",
        "short": "Tây Hồ",
        "kind": "quan",
        # Seed 003 (2020) speaks of the 25th anniversary of the district.
        "note": "Thành lập năm 1995 (bài viết năm 2020 nhắc kỷ niệm 25 năm thành lập quận).",
        "optional_organisations": ["ban-tuyen-giao"],
        "wards": [
            "Phường Bưởi",
            "Phường Nhật Tân",
            "Phường Phú Thượng",
            "Phường Quảng An",
            "Phường Thụy Khuê",
            "Phường Tứ Liên",
            "Phường Xuân La",
            "Phường Yên Phụ",
        ],
    },
    {
        "code": "HCM-TB",
        "province": "HCM",
        "name": "Quận Tân Bình",
        "short": "Tân Bình",
        "kind": "quan",
        "wards": [f"Phường {n}" for n in range(1, 16)],
    },
    {
        "code": "NB-TD",
        "province": "NB",
        "name": "Thành phố Tam Điệp",
        "short": "Tam Điệp",
        "kind": "thanh-pho-thuoc-tinh",
        "note": "Bài viết (seed 002) không nêu tên thành phố, chỉ nói “Thành ủy” và "
        "“5/9 xã, phường”; Tam Điệp là thành phố thuộc tỉnh Ninh Bình có 9 xã, phường.",
        "wards": [
            "Phường Bắc Sơn",
            "Phường Nam Sơn",
            "Phường Tân Bình",
            "Phường Tây Sơn",
            "Phường Trung Sơn",
            "Phường Yên Bình",
            "Xã Đông Sơn",
            "Xã Quang Sơn",
            "Xã Yên Sơn",
        ],
    },
]

# Residential areas: (code of the ward, names).
RESIDENTIAL_AREAS = [
    ("HN-HM-DINHCONG", ["Tổ dân phố số 1", "Tổ dân phố số 2", "Tổ dân phố số 3"]),
]

# --- After 1/7/2025: wards directly under the province, with their predecessors ------

# The Standing Committee resolutions of 16/6/2025 on commune-level units. The HCM
# number (1685) is from memory and was not checked against the text of the resolution.
DECISIONS = {
    "HN": "Nghị quyết 1656/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội về "
    "sắp xếp các đơn vị hành chính cấp xã của Thành phố Hà Nội năm 2025",
    "HCM": "Nghị quyết 1685/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội về "
    "sắp xếp các đơn vị hành chính cấp xã của Thành phố Hồ Chí Minh năm 2025",
    "NB": "Nghị quyết 1674/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội về "
    "sắp xếp các đơn vị hành chính cấp xã của tỉnh Ninh Bình năm 2025",
}

NEW_WARDS_NOTE = (
    "Dữ liệu trình diễn: chỉ một phần các phường mới; mỗi phường được nối với quận, "
    "thành phố cũ có địa bàn chuyển về phường."
)

# (province, new ward, district-era predecessors). Clearly partial: only the wards that
# continue the districts of the seeds.
NEW_WARDS = [
    ("HN", "Phường Hoàng Mai", ["HN-HM"]),
    ("HN", "Phường Định Công", ["HN-HM"]),
    ("HN", "Phường Tương Mai", ["HN-HM"]),
    ("HN", "Phường Hoàng Liệt", ["HN-HM"]),
    ("HN", "Phường Yên Sở", ["HN-HM"]),
    ("HN", "Phường Vĩnh Hưng", ["HN-HM"]),
    ("HN", "Phường Lĩnh Nam", ["HN-HM"]),
    ("HN", "Phường Hoàn Kiếm", ["HN-HK"]),
    ("HN", "Phường Cửa Nam", ["HN-HK"]),
    ("HN", "Phường Tây Hồ", ["HN-TH"]),
    ("HN", "Phường Phú Thượng", ["HN-TH"]),
    ("HCM", "Phường Tân Sơn Hòa", ["HCM-TB"]),
    ("HCM", "Phường Tân Sơn Nhất", ["HCM-TB"]),
    ("HCM", "Phường Tân Hòa", ["HCM-TB"]),
    ("HCM", "Phường Bảy Hiền", ["HCM-TB"]),
    ("HCM", "Phường Tân Bình", ["HCM-TB"]),
    ("HCM", "Phường Tân Sơn", ["HCM-TB"]),
    ("NB", "Phường Tam Điệp", ["NB-TD"]),
    ("NB", "Phường Yên Sơn", ["NB-TD"]),
    ("NB", "Phường Trung Sơn", ["NB-TD"]),
]

# Bodies renamed or reorganised: (old code, new code, effective date, decision).
RENAMES = [
    (
        "HN-BDV",
        "HN-BTGDV",
        dt.date(2025, 3, 1),
        "Hợp nhất Ban Tuyên giáo và Ban Dân vận Thành ủy Hà Nội thành Ban Tuyên giáo và "
        "Dân vận Thành ủy, thực hiện Nghị quyết 18-NQ/TW về tinh gọn tổ chức bộ máy",
    ),
]

# --- People --------------------------------------------------------------------------

SOURCES = {
    "000": "Bài viết: Ban Dân vận Quận ủy tổ chức giao ban công tác Dân vận với MTTQ và "
    "các Đoàn thể tháng 2/2023 (02/03/2023)",
    "001": "Bài viết: Quận Hoàn Kiếm: UB MTTQ, các tổ chức chính trị-xã hội tích cực, chủ "
    "động triển khai nhiệm vụ (Kinhtedothi, 6/10/2022)",
    "002": "Bài viết: Hội nghị sơ kết công tác Dân vận 6 tháng đầu năm, triển khai nhiệm vụ "
    "6 tháng cuối năm 2021 (2/7/2021)",
    "003": "Bài viết: Hội nghị tổng kết 10 năm thực hiện Quyết định 290-QĐ/TW, Kết luận "
    "66-KL/TW, Chỉ thị 43-CT/TW (Quận ủy Tây Hồ, 02/07/2020)",
    "004": "Bài viết: Nâng cao chất lượng hoạt động của Mặt trận Tổ quốc, các tổ chức chính "
    "trị - xã hội ở địa bàn dân cư (Thanhuytphcm.vn, 13/1/2020)",
    "demo": "Dữ liệu minh họa, không có trong bài viết",
}

DEMO_NOTE = "Dữ liệu minh họa: người và chức vụ không có thật."

# Officials named in the seeds. "unit" keeps the record; each position says where it is
# held. Journalists and authors (Công Thọ, Kim Dung, Lê Thị Dạ Thảo) are not officials.
# Terms: seeds 003 and 004 are from before the 2020 party congresses (term 2015-2020).
PEOPLE: list[dict[str, Any]] = [
    {
        "full_name": "Khương Quốc Hưng",
        "unit": "HN-HM-BDV",
        "positions": [("HN-HM-BDV", "UVTV, Trưởng Ban Dân vận Quận ủy", "2020-2025", "000")],
    },
    {
        "full_name": "Đinh Hồng Phong",
        "unit": "HN-HK-CU",
        "positions": [("HN-HK-CU", "Phó Bí thư Thường trực Quận ủy Hoàn Kiếm", "2020-2025", "001")],
    },
    {
        "full_name": "Trần Thị Hồng Thanh",
        "gender": "nu",
        "unit": "NB-TD-CU",
        "positions": [("NB-TD-CU", "Tỉnh ủy viên, PBTTT Thành ủy", "2020-2025", "002")],
    },
    {
        "full_name": "Phạm Hải Hoa",
        "unit": "HN-BDV",
        "positions": [
            ("HN-BDV", "TUV, Phó Trưởng Ban Thường trực Ban Dân vận Thành ủy", "2015-2020", "003")
        ],
    },
    {
        "full_name": "Đinh Thị Phước",
        "gender": "nu",
        "unit": "HN-CTD",
        "positions": [("HN-CTD", "Phó Chủ tịch Hội Chữ Thập đỏ Thành phố", "", "003")],
    },
    {
        "full_name": "Hồ Minh Tâm",
        "unit": "HN-BDV",
        "positions": [
            ("HN-BDV", "Trưởng phòng đoàn thể và các hội Ban Dân vận Thành ủy", "", "003")
        ],
    },
    {
        "full_name": "Vũ Đình Liễu",
        "unit": "HN-CCB",
        "positions": [
            (
                "HN-CCB",
                "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Chính sách Hội CCB Thành phố",
                "",
                "003",
            )
        ],
    },
    {
        "full_name": "Nguyễn Anh Tuấn",
        "unit": "HN-TH-CU",
        "positions": [("HN-TH-CU", "Phó Bí thư Thường trực Quận ủy", "2015-2020", "003")],
    },
    {
        "full_name": "Nguyễn Đình Khuyến",
        "unit": "HN-TH-UBND",
        "positions": [("HN-TH-UBND", "UVBTV, Phó Chủ tịch UBND quận", "2016-2021", "003")],
    },
    {
        "full_name": "Nguyễn Thanh Tịnh",
        "unit": "HN-TH-BTG",
        "positions": [("HN-TH-BTG", "UVBTV, Trưởng Ban Tuyên giáo Quận ủy", "2015-2020", "003")],
    },
    {
        "full_name": "Trần Quang Đạo",
        "unit": "HN-TH-MTTQ",
        "positions": [("HN-TH-MTTQ", "UVBTV, Chủ tịch UB MTTQ quận", "2019-2024", "003")],
    },
    {
        "full_name": "Phạm Thị Út",
        "gender": "nu",
        "unit": "HCM-TB-CU",
        "positions": [
            ("HCM-TB-CU", "Phó Bí thư Thường trực Quận ủy quận Tân Bình", "2015-2020", "004")
        ],
    },
    # Demo-only: the secretary who kept the minutes of the board's giao ban of 23/02/2023.
    {
        "full_name": "Nguyễn Thị Minh Thư",
        "gender": "nu",
        "unit": "HN-HM-BDV",
        "note": DEMO_NOTE,
        "positions": [("HN-HM-BDV", "Chuyên viên Ban Dân vận Quận ủy", "", "demo")],
    },
    # Demo-only ward officials of Phường Định Công, so the ward users see someone.
    {
        "full_name": "Nguyễn Văn Thành",
        "gender": "nam",
        "unit": "HN-HM-DINHCONG-CU",
        "note": DEMO_NOTE,
        "positions": [("HN-HM-DINHCONG-CU", "Bí thư Đảng ủy phường", "2020-2025", "demo")],
    },
    {
        "full_name": "Lê Thị Thu Hà",
        "gender": "nu",
        "unit": "HN-HM-DINHCONG-BDV",
        "note": DEMO_NOTE,
        "positions": [
            (
                "HN-HM-DINHCONG-BDV",
                "ĐUV, Trưởng khối Dân vận Đảng ủy phường",
                "2020-2025",
                "demo",
            )
        ],
    },
    {
        "full_name": "Trần Văn Bình",
        "gender": "nam",
        "unit": "HN-HM-DINHCONG-UBND",
        "note": DEMO_NOTE,
        "positions": [("HN-HM-DINHCONG-UBND", "Chủ tịch UBND phường", "", "demo")],
    },
    {
        "full_name": "Phạm Thị Lan",
        "gender": "nu",
        "unit": "HN-HM-DINHCONG-MTTQ",
        "note": DEMO_NOTE,
        "positions": [("HN-HM-DINHCONG-MTTQ", "Chủ tịch UB MTTQ phường", "2019-2024", "demo")],
    },
    {
        "full_name": "Hoàng Văn Dũng",
        "gender": "nam",
        "unit": "HN-HM-DINHCONG-CCB",
        "note": DEMO_NOTE,
        "positions": [
            ("HN-HM-DINHCONG-CCB", "Chủ tịch Hội Cựu chiến binh phường", "2022-2027", "demo")
        ],
    },
]

# --- Demo users ----------------------------------------------------------------------

# The demo users work in today's units: ``danvan.demo.current_data``.
