"""Demo data of the structure in force since 1/7/2025 (DOMAIN.md §6): who works where today.

Plain data, no logic, like ``danvan.demo.data`` (which keeps the seeds' district era):

- Each new phường or xã has, beside its Đảng ủy and the Đảng ủy's Ban Xây dựng Đảng (where
  dân vận sits since the reform), its Ủy ban nhân dân and its Ủy ban MTTQ; under the Front
  the five socio-political organisations (NQ 203/2025/QH15: CĐ, HND, ĐTN, LHPN, CCB) and the
  two associations of the demo (CTĐ, NCT).
- Two new wards have their khu dân cư: tổ dân phố in Phường Định Công (Hà Nội), thôn in
  Phường Yên Sơn (Ninh Bình, a xã before 2025), each with its chi bộ, Ban công tác Mặt
  trận and chi hội.
- The people of today's units are invented (``DEMO_NOTE``), and so are the demo users'
  names; each demo user has a Person record with a position in the unit they work in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

TWO_TIER_START = dt.date(2025, 7, 1)
TERM = "2025-2030"

# Under each new ward: (code suffix, organisation kind, name template), {place} is
# "phường Định Công". The first three are those of the first demo; they stay first.
WARD_BODIES = [
    ("CU", "cap-uy", "Đảng ủy {place}"),
    ("MTTQ", "mttq", "Ủy ban MTTQ {place}"),
    ("BXDD", "ban-dan-van", "Ban Xây dựng Đảng Đảng ủy {place}"),
    ("UBND", "chinh-quyen", "Ủy ban nhân dân {place}"),
]
# Under the ward's Ủy ban MTTQ (code "<ward>-MTTQ-<suffix>").
FRONT_MEMBERS = [
    ("CD", "cd", "Công đoàn {place}"),
    ("HND", "hnd", "Hội Nông dân {place}"),
    ("DTN", "dtn", "Đoàn Thanh niên Cộng sản Hồ Chí Minh {place}"),
    ("LHPN", "lhpn", "Hội Liên hiệp Phụ nữ {place}"),
    ("CCB", "ccb", "Hội Cựu chiến binh {place}"),
    ("CTD", "ctd", "Hội Chữ thập đỏ {place}"),
    ("NCT", "nct", "Hội Người cao tuổi {place}"),
]

# Khu dân cư of the new wards: (ward code, unit kind, code prefix, names).
RESIDENTIAL_AREAS: list[tuple[str, str, str, list[str]]] = [
    (
        "HN-DINHCONG",
        "to-dan-pho",
        "TDP",
        ["Tổ dân phố số 1", "Tổ dân phố số 2", "Tổ dân phố số 3", "Tổ dân phố số 4"],
    ),
    ("NB-YENSON", "thon", "THON", ["Thôn 1", "Thôn 2", "Thôn 3"]),
]
# Under each khu dân cư; {area} is "tổ dân phố số 1".
AREA_BODIES = [
    ("CB", "cap-uy", "Chi bộ {area}"),
    ("BCTMT", "mttq", "Ban công tác Mặt trận {area}"),
    ("CHPN", "lhpn", "Chi hội Phụ nữ {area}"),
    ("CHCCB", "ccb", "Chi hội Cựu chiến binh {area}"),
    ("CHNCT", "nct", "Chi hội Người cao tuổi {area}"),
]

DEMO_NOTE = "Dữ liệu minh họa: người và chức vụ không có thật."

# The demo's phường in Hà Nội: the successor of Quận Hoàng Mai's Phường Định Công.
DEMO_WARD = "HN-DINHCONG"
CITY_BOARD = "HN-BTGDV"

# People of today's units. (full name, gender, record unit, [(unit, title)]) — every
# position from 1/7/2025 (1/3/2025 for the merged provincial boards), term 2025-2030.
PEOPLE: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "Vũ Thị Thanh Hương",
        "nu",
        CITY_BOARD,
        [(CITY_BOARD, "Phó Trưởng Ban Tuyên giáo và Dân vận Thành ủy")],
    ),
    (
        "Đặng Văn Khoa",
        "nam",
        CITY_BOARD,
        [(CITY_BOARD, "Chuyên viên Phòng Dân vận, Ban Tuyên giáo và Dân vận Thành ủy")],
    ),
    (
        "Bùi Thu Trang",
        "nu",
        CITY_BOARD,
        [(CITY_BOARD, "Biên tập viên Cổng thông tin, Ban Tuyên giáo và Dân vận Thành ủy")],
    ),
    (
        "Phan Quốc Bảo",
        "nam",
        CITY_BOARD,
        [(CITY_BOARD, "Trưởng phòng Thông tin, Ban Tuyên giáo và Dân vận Thành ủy")],
    ),
    (
        "Lương Văn Hải",
        "nam",
        "HN-DINHCONG-CU",
        [("HN-DINHCONG-CU", "Bí thư Đảng ủy phường")],
    ),
    (
        "Trịnh Thị Mai Anh",
        "nu",
        "HN-DINHCONG-BXDD",
        [("HN-DINHCONG-BXDD", "Ủy viên Ban Thường vụ, Trưởng Ban Xây dựng Đảng Đảng ủy phường")],
    ),
    (
        "Hà Minh Châu",
        "nam",
        "HN-DINHCONG-BXDD",
        [("HN-DINHCONG-BXDD", "Chuyên viên Ban Xây dựng Đảng (phụ trách công tác dân vận)")],
    ),
    (
        "Nguyễn Thu Hằng",
        "nu",
        "HN-DINHCONG-CU",
        [("HN-DINHCONG-CU", "Chuyên viên Văn phòng Đảng ủy phường")],
    ),
    (
        "Đỗ Thị Bích Ngọc",
        "nu",
        "HN-DINHCONG-MTTQ",
        [("HN-DINHCONG-MTTQ", "Chủ tịch Ủy ban MTTQ phường")],
    ),
    (
        "Phí Văn Long",
        "nam",
        "HN-DINHCONG-UBND",
        [("HN-DINHCONG-UBND", "Chủ tịch Ủy ban nhân dân phường")],
    ),
    (
        "Ngô Thị Hạnh",
        "nu",
        "HN-DINHCONG-MTTQ-LHPN",
        [("HN-DINHCONG-MTTQ-LHPN", "Phó Chủ tịch Ủy ban MTTQ phường, Chủ tịch Hội LHPN phường")],
    ),
    (
        "Tạ Quang Huy",
        "nam",
        "HN-DINHCONG-MTTQ-DTN",
        [("HN-DINHCONG-MTTQ-DTN", "Phó Chủ tịch Ủy ban MTTQ phường, Bí thư Đoàn phường")],
    ),
    (
        "Mai Xuân Trường",
        "nam",
        "NB-BTGDV",
        [("NB-BTGDV", "Chuyên viên Ban Tuyên giáo và Dân vận Tỉnh ủy")],
    ),
]

# Printed in the README; demo accounts can log in only while DEBUG is on.
DEMO_PASSWORD = "DanVan@2026"
DEMO_EMAIL_DOMAIN = "example.com"

# (username, full name = the Person's, role, unit of the role, is_staff and is_superuser,
# unit of the Person record or None). demo_board and demo_board2 hold their role at the
# city, so their scope reaches the new wards and the district-era Quận Hoàng Mai.
DEMO_USERS: list[tuple[str, str, str, str, bool, str | None]] = [
    ("demo_admin", "Quản trị trình diễn", "system_admin", "VN", True, None),
    ("demo_board", "Đặng Văn Khoa", "board_staff", "HN", False, CITY_BOARD),
    ("demo_board2", "Vũ Thị Thanh Hương", "board_staff", "HN", False, CITY_BOARD),
    ("demo_leader", "Trịnh Thị Mai Anh", "unit_leader", DEMO_WARD, False, "HN-DINHCONG-BXDD"),
    ("demo_reporter", "Hà Minh Châu", "unit_reporter", DEMO_WARD, False, "HN-DINHCONG-BXDD"),
    ("demo_viewer", "Mai Xuân Trường", "viewer", "NB", False, "NB-BTGDV"),
    ("demo_editor", "Bùi Thu Trang", "portal_editor", "HN", False, CITY_BOARD),
    ("demo_moderator", "Phan Quốc Bảo", "portal_moderator", "HN", False, CITY_BOARD),
    # Citizen reception and petitions (danvan/petitions): the officers of the demo ward.
    ("demo_tiepdan", "Lương Thị Thanh", "petition_officer", f"{DEMO_WARD}-MTTQ", False, None),
    ("demo_tiepdan_ubnd", "Kiều Văn Định", "petition_officer", f"{DEMO_WARD}-UBND", False, None),
]
# Roles a demo user holds besides the one above: the board officer who opens a petition
# in the acceptance of issue 15 is also designated for petitions, at the city.
EXTRA_ROLES: dict[str, list[tuple[str, str]]] = {"demo_board": [("petition_officer", "HN")]}


def people_entries() -> list[dict[str, Any]]:
    """``PEOPLE`` in the shape of ``data.PEOPLE`` (so one loader writes both)."""
    return [
        {
            "full_name": name,
            "gender": gender,
            "unit": unit,
            "note": DEMO_NOTE,
            "positions": [(where, title, TERM, "demo") for where, title in positions],
            "start_date": TWO_TIER_START,
        }
        for name, gender, unit, positions in PEOPLE
    ]
