"""Portal articles of the year of the load (demo, invented), in the portal loader's shape.

Three articles in "Dân vận khéo" (the seeds' news keeps the "Tin tức – sự kiện" section):
the launch of the year's emulation movement, and one for the latest giao ban held by the
city board and by the demo phường (linked to that meeting, published the next day). Slugs
name the month or the year, so a load the same day finds them again and a load on a later
day adds the months held since; the articles already published are kept.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from danvan.meetings.models import Meeting

_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SECTION = "dan-van-kheo"

# (unit code of the series, slug piece, source line, title template, lead template)
GIAO_BAN: list[tuple[str, str, str, str, str]] = [
    (
        "HN-BTGDV",
        "thanh-pho",
        "Ban Tuyên giáo và Dân vận Thành ủy",
        "Ban Tuyên giáo và Dân vận Thành ủy giao ban công tác dân vận {month}",
        "Ngày {day}, Ban Tuyên giáo và Dân vận Thành ủy Hà Nội tổ chức hội nghị giao ban "
        "công tác dân vận {month} với Ủy ban MTTQ và các tổ chức chính trị - xã hội Thành "
        "phố, đánh giá kết quả phong trào thi đua «Dân vận khéo» ở các phường, xã mới.",
    ),
    (
        "HN-DINHCONG-CU",
        "phuong-dinh-cong",
        "Đảng ủy phường Định Công",
        "Phường Định Công giao ban công tác dân vận {month}",
        "Ngày {day}, Đảng ủy phường Định Công tổ chức hội nghị giao ban công tác dân vận "
        "{month} với Ủy ban MTTQ và các đoàn thể phường; các khu dân cư báo cáo mô hình «Dân "
        "vận khéo» đang triển khai.",
    ),
]
BODY = [
    "Hội nghị nghe báo cáo kết quả công tác dân vận trong tháng, thảo luận các kiến nghị của "
    "Nhân dân và thống nhất nhiệm vụ tháng tới.",
    "Kết luận hội nghị, đồng chí chủ trì đề nghị Ủy ban MTTQ và các tổ chức chính trị - xã "
    "hội nắm chắc tình hình Nhân dân, tiếp tục nhân rộng các mô hình «Dân vận khéo» ở khu "
    "dân cư.",
    "(Bài viết trình diễn: sự kiện và số liệu không có thật.)",
]


def _spec(**values: Any) -> dict[str, Any]:
    return {"author": "", "featured": False, "section": SECTION, **values}


def launch_article(today: dt.date) -> dict[str, Any]:
    """The year's "Dân vận khéo" launch, mid-February (yesterday early in the year)."""
    day = min(dt.date(today.year, 2, 15), today - dt.timedelta(days=1))
    return _spec(
        seed=f"demo-dvk-{day.year}",
        slug=f"phat-dong-phong-trao-dan-van-kheo-nam-{day.year}",
        title=f"Phát động phong trào thi đua «Dân vận khéo» năm {day.year}",
        published_on=f"{day.isoformat()} 09:00",
        source="Ban Tuyên giáo và Dân vận Thành ủy",
        cover=f"Phong trào thi đua «Dân vận khéo» năm {day.year}",
        lead=f"Ban Tuyên giáo và Dân vận Thành ủy Hà Nội phát động phong trào thi đua «Dân "
        f"vận khéo» năm {day.year} tới các phường, xã và khu dân cư trên địa bàn Thành phố.",
        body=[
            "Các phường, xã đăng ký mô hình, điển hình «Dân vận khéo» trong quý I; Ban công "
            "tác Mặt trận và các chi hội ở khu dân cư là nơi triển khai chủ yếu.",
            BODY[-1],
        ],
        meeting_pk=None,
    )


def giao_ban_articles(today: dt.date) -> list[dict[str, Any]]:
    specs = []
    for unit, slug, source, title, lead in GIAO_BAN:
        meeting = (
            Meeting.objects.filter(
                org_unit__code=unit,
                status=Meeting.Status.HELD,
                series__isnull=False,
                starts_at__date__lt=today,
            )
            .order_by("-starts_at")
            .first()
        )
        if meeting is None:
            continue
        held = meeting.starts_at.astimezone(_TZ)
        month = f"tháng {held.month}/{held.year}"
        next_day = held.date() + dt.timedelta(days=1)
        published = next_day if next_day < today else held.date()
        specs.append(
            _spec(
                seed=f"demo-{slug}-{held:%Y-%m}",
                slug=f"giao-ban-cong-tac-dan-van-thang-{held.month}-{held.year}-{slug}",
                title=title.format(month=month),
                published_on=f"{published.isoformat()} 16:00",
                source=source,
                cover=title.format(month=month),
                lead=lead.format(day=f"{held:%d/%m/%Y}", month=month),
                body=BODY,
                meeting_pk=meeting.pk,
            )
        )
    return specs


def current_articles(today: dt.date) -> list[dict[str, Any]]:
    return [launch_article(today), *giao_ban_articles(today)]
