"""«Nhập từ bài viết» in the demo: three articles of the demo ward, dated relative to the
day of the load, one in each state of an import (invented events, marked as such):

- accepted: the ward Front's giao ban of last month, with its chair, a guest and the
  Giấy khen it presented, so the meeting, the people and an award decision known by its
  numbers (10 tập thể, 6 cá nhân, list not in yet) show where they came from;
- waiting for review: this month's launch of a «Dân vận khéo» model, for the board or the
  ward's leader to check and accept;
- set aside: an article of the city board that the ward did not hold, with the reason.

Through the import's own services, as a person would: the same texts again are the same
imports (their digest), so a second load writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

from danvan.access.system import SYSTEM
from danvan.accounts.models import User
from danvan.core import clock
from danvan.lib import periods
from danvan.textimport import commit, services
from danvan.textimport.models import ArticleImport, SourceKind

CATEGORY = "bài viết nhập"
CREATED, KEPT = "tạo mới", "giữ nguyên"
MARK = "(Bài viết trình diễn: sự kiện và số liệu không có thật.)"


def _front_giao_ban(today: dt.date) -> str:
    last = today.replace(day=1) - dt.timedelta(days=1)
    month = periods.period_of(periods.MONTH, last).label
    held = min(today - dt.timedelta(days=1), today.replace(day=1) + dt.timedelta(days=2))
    return (
        f"Mặt trận phường Định Công giao ban công tác {month}\n"
        f"Ngày đăng {held + dt.timedelta(days=1):%d/%m/%Y}\n\n"
        f"Sáng {held.day}/{held.month}/{held.year}, tại Hội trường UBND phường, Ủy ban MTTQ "
        f"phường Định Công tổ chức hội nghị giao ban công tác Mặt trận "
        f"{month}. Bà Đỗ Thị Bích Ngọc, Chủ tịch Ủy ban MTTQ phường chủ trì hội "
        "nghị. Dự hội nghị có đồng chí Lương Văn Hải, Bí thư Đảng ủy phường.\n\n"
        "Hội nghị nghe các tổ chức thành viên báo cáo kết quả vận động Nhân dân tham gia giữ "
        "gìn vệ sinh môi trường khu dân cư và thống nhất nhiệm vụ tháng tới.\n\n"
        "Dịp này, Ủy ban MTTQ phường đã tặng Giấy khen cho 10 tập thể, 6 cá nhân đã có thành "
        "tích xuất sắc trong phong trào thi đua «Dân vận khéo».\n\n"
        f"{MARK}\n"
    )


def _model_launch(today: dt.date) -> str:
    day = today - dt.timedelta(days=2)
    return (
        "Phường Định Công ra mắt mô hình «Khu dân cư không rác thải nhựa»\n"
        f"Ngày đăng {today:%d/%m/%Y}\n\n"
        f"Chiều {day.day}/{day.month}, Đảng ủy phường Định Công tổ chức lễ ra mắt mô hình "
        "«Khu dân cư không rác thải nhựa» tại tổ dân phố số 5. Đồng chí Lương Văn Hải, Bí "
        "thư Đảng ủy phường dự và phát biểu chỉ đạo. Đồng chí Trịnh Thị Mai Anh - Ủy viên Ban "
        "Thường vụ, Trưởng Ban Xây dựng Đảng Đảng ủy phường chủ trì buổi lễ.\n\n"
        "Mô hình thu hút 120 hộ gia đình tham gia; Hội Liên hiệp Phụ nữ phường trao 30 suất "
        "quà cho hộ khó khăn trong khu dân cư.\n\n"
        f"{MARK}\n"
    )


def _city_article(today: dt.date) -> str:
    day = today - dt.timedelta(days=5)
    return (
        "Ban Tuyên giáo và Dân vận Thành ủy tập huấn nghiệp vụ công tác dân vận\n"
        f"Ngày đăng {day:%d/%m/%Y}\n\n"
        f"Ngày {day.day}/{day.month}/{day.year}, Ban Tuyên giáo và Dân vận Thành ủy Hà Nội tổ "
        "chức lớp tập huấn nghiệp vụ công tác dân vận cho cán bộ các phường, xã.\n\n"
        f"{MARK}\n"
    )


def _actor() -> object:
    return User.objects.filter(username="demo_leader").first() or SYSTEM


def load_imports(progress: Callable[[str], None]) -> Counter[tuple[str, str]]:
    progress("Nhập từ bài viết: một bài đã chấp nhận, một bài chờ xem xét, một bài bỏ qua…")
    tally: Counter[tuple[str, str]] = Counter()
    today = clock.today()
    actor = _actor()
    board = User.objects.filter(username="demo_board").first() or SYSTEM

    accepted = _front_giao_ban(today)
    before = ArticleImport.all_objects.filter(digest=services.digest_of(accepted)).exists()
    commit.import_and_accept(actor=actor, text=accepted, source_name="Cổng thông tin phường")
    tally[CATEGORY, KEPT if before else CREATED] += 1

    created = services.import_create(
        actor=actor,
        text=_model_launch(today),
        source_name="Cổng thông tin phường",
        source_kind=SourceKind.TEXT,
    )
    tally[CATEGORY, CREATED if created.new else KEPT] += 1

    aside = services.import_create(actor=board, text=_city_article(today), source_name="")
    item = aside.item
    if item.status == ArticleImport.Status.PROPOSED:
        services.import_discard(
            actor=board,
            item=item,
            version=item.version,
            note="Lớp tập huấn của Thành phố, không phải hội nghị của phường: không nhập.",
        )
    tally[CATEGORY, CREATED if aside.new else KEPT] += 1
    return tally
