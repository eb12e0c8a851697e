"""The monthly giao ban of today's units, dated relative to the day of the load.

Two series, the city board's (Ban Tuyên giáo và Dân vận Thành ủy Hà Nội with the city's
Front and organisations) and the demo phường's (Đảng ủy phường Định Công with its Front
and đoàn thể). Every month from January of the year of the load (of the year before in
its first weeks) has its meeting: those before ``clock.today()`` are held and recorded —
attendees, agenda, an opinion, the chair's conclusions, minutes, and the tasks the
conclusions raised (deadlines one to six weeks after the meeting); the next one is
planned by the series itself.

Tasks have the story their deadline tells on the day of the load: a deadline more than
two weeks past is done (a little before the deadline); of those due in the last two
weeks, the two latest are still in progress (overdue by days) and the rest done; those
due later are new or under way. The story only moves forward: a later load completes
what has become old, never reopens; a task a person has reported on is left alone.

Meetings are keyed by (series, period), tasks by (conclusion, title): a second load the
same day writes nothing; a load on a later day records the months held since.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections import Counter
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from danvan.access.system import SYSTEM
from danvan.core import clock
from danvan.lib import periods
from danvan.meetings import services as meetings
from danvan.meetings.models import Attendance, Meeting, MeetingKind, MeetingSeries
from danvan.meetings.services.series import meeting_day
from danvan.org.models import OrgUnit
from danvan.people.models import Person
from danvan.tasks import services as tasks
from danvan.tasks.models import Task, TaskStatus, TaskUpdate

_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CREATED, UPDATED, KEPT = "tạo mới", "cập nhật", "giữ nguyên"
MEETINGS = "hội nghị, văn bản"
OVERDUE_WINDOW = 14  # days: past this, a demo task is done
OVERDUE_KEPT = 2  # of the tasks due within the window, the latest this many stay open

R = Attendance.Role
# attendee: (person full name or None, unit code, name as written, position as written, role)
SERIES: dict[str, dict[str, Any]] = {
    "HN-GIAOBAN": {
        "name": "Giao ban công tác dân vận với MTTQ và các tổ chức chính trị - xã hội Thành phố",
        "unit": "HN-BTGDV",
        "day_of_month": 20,
        "start_time": dt.time(8, 0),
        "place": "Hội trường Thành ủy Hà Nội",
        "attendees": [
            (
                "Vũ Thị Thanh Hương",
                "HN-BTGDV",
                "",
                "Phó Trưởng Ban Tuyên giáo và Dân vận Thành ủy",
                R.CHAIR,
            ),
            (
                "Đặng Văn Khoa",
                "HN-BTGDV",
                "",
                "Chuyên viên Phòng Dân vận, Ban Tuyên giáo và Dân vận Thành ủy",
                R.REPORTS,
            ),
            (None, "HN-MTTQ", "Lãnh đạo Ủy ban MTTQ Việt Nam Thành phố", "", R.SPEAKS),
            (None, "HN-CCB", "Đại diện Hội Cựu chiến binh Thành phố", "", R.ATTENDS),
            (None, "HN-CTD", "Đại diện Hội Chữ thập đỏ Thành phố", "", R.ATTENDS),
            (
                "Trịnh Thị Mai Anh",
                "HN-DINHCONG-BXDD",
                "",
                "Trưởng Ban Xây dựng Đảng Đảng ủy phường Định Công",
                R.ATTENDS,
            ),
        ],
        "reporter": "Đặng Văn Khoa",
        "speaker": "Lãnh đạo Ủy ban MTTQ Việt Nam Thành phố",
        "chair": "Vũ Thị Thanh Hương",
        "where": "Thành phố",
        # (lead unit, co-units, title template, days after the meeting)
        "tasks": [
            ("HN-MTTQ", ["HN-CCB", "HN-CTD"], "Tổng hợp ý kiến, kiến nghị của Nhân dân {month}", 7),
            ("HN-DINHCONG", [], "Báo cáo kết quả đối thoại với Nhân dân ở phường {month}", 14),
            ("HN-BTGDV", [], "Hướng dẫn các phường, xã sơ kết mô hình «Dân vận khéo» {month}", 21),
            ("HN-HOANGMAI", [], "Rà soát hoạt động Ban công tác Mặt trận khu dân cư {month}", 30),
            ("HN-MTTQ", ["HN-BTGDV"], "Chuẩn bị nội dung giám sát, phản biện xã hội {next}", 45),
        ],
    },
    "DC-GIAOBAN": {
        "name": "Giao ban công tác dân vận với MTTQ và các đoàn thể phường",
        "unit": "HN-DINHCONG-CU",
        "day_of_month": 12,
        "start_time": dt.time(14, 0),
        "place": "Hội trường Đảng ủy phường Định Công",
        "attendees": [
            (
                "Trịnh Thị Mai Anh",
                "HN-DINHCONG-BXDD",
                "",
                "Ủy viên Ban Thường vụ, Trưởng Ban Xây dựng Đảng Đảng ủy phường",
                R.CHAIR,
            ),
            (
                "Hà Minh Châu",
                "HN-DINHCONG-BXDD",
                "",
                "Chuyên viên Ban Xây dựng Đảng (phụ trách công tác dân vận)",
                R.REPORTS,
            ),
            ("Đỗ Thị Bích Ngọc", "HN-DINHCONG-MTTQ", "", "Chủ tịch Ủy ban MTTQ phường", R.SPEAKS),
            (
                "Ngô Thị Hạnh",
                "HN-DINHCONG-MTTQ-LHPN",
                "",
                "Phó Chủ tịch Ủy ban MTTQ phường, Chủ tịch Hội LHPN phường",
                R.ATTENDS,
            ),
            (
                "Tạ Quang Huy",
                "HN-DINHCONG-MTTQ-DTN",
                "",
                "Phó Chủ tịch Ủy ban MTTQ phường, Bí thư Đoàn phường",
                R.ATTENDS,
            ),
            ("Phí Văn Long", "HN-DINHCONG-UBND", "", "Chủ tịch Ủy ban nhân dân phường", R.ATTENDS),
            (
                "Nguyễn Thu Hằng",
                "HN-DINHCONG-CU",
                "",
                "Chuyên viên Văn phòng Đảng ủy phường",
                R.SECRETARY,
            ),
        ],
        "reporter": "Hà Minh Châu",
        "speaker": "Đỗ Thị Bích Ngọc",
        "chair": "Trịnh Thị Mai Anh",
        "where": "phường",
        "tasks": [
            ("HN-DINHCONG-MTTQ", [], "Nắm tình hình Nhân dân ở các khu dân cư {month}", 7),
            (
                "HN-DINHCONG-MTTQ-LHPN",
                ["HN-DINHCONG-MTTQ-DTN"],
                "Ra quân vệ sinh môi trường tại các tổ dân phố {month}",
                14,
            ),
            ("HN-DINHCONG-UBND", [], "Trả lời kiến nghị của cử tri về trật tự đô thị {month}", 21),
            ("HN-DINHCONG-BXDD", [], "Tổng hợp báo cáo công tác dân vận {month} gửi Thành ủy", 30),
        ],
    },
}
# The lead unit "HN-HOANGMAI" is the new Phường Hoàng Mai (codes from danvan.demo.tree).

OPINIONS = [
    "Đề nghị tiếp tục quan tâm hướng dẫn các khu dân cư sau sắp xếp; kiện toàn Ban công tác "
    "Mặt trận ở những nơi còn thiếu thành viên.",
    "Nhất trí với báo cáo; đề nghị bổ sung kết quả giải quyết các kiến nghị của Nhân dân "
    "về thủ tục hành chính ở cấp phường.",
    "Đề nghị các tổ chức chính trị - xã hội phối hợp chặt chẽ hơn trong tuyên truyền, vận "
    "động hội viên ở khu dân cư.",
]
CONCLUSIONS = [
    "Ủy ban MTTQ và các tổ chức chính trị - xã hội {where} nắm chắc tình hình Nhân dân, "
    "tổng hợp kịp thời ý kiến, kiến nghị gửi cấp ủy, chính quyền.",
    "Tiếp tục triển khai phong trào thi đua «Dân vận khéo», nhân rộng các mô hình hiệu quả ở "
    "khu dân cư.",
    "Chuẩn bị chu đáo nội dung công tác {next}; các đơn vị báo cáo kết quả đúng hạn.",
]


def _crc(text: str) -> int:
    return zlib.crc32(text.encode())


def first_month(today: dt.date) -> periods.Period:
    """January of the year of the load; of the year before in its first six weeks."""
    return periods.Period((today - dt.timedelta(days=45)).year, 1, periods.MONTH)


def task_target(deadline: dt.date, today: dt.date, recent_rank: int | None) -> str:
    """The state a demo task shows on ``today``; ``recent_rank`` orders the tasks due
    within the last two weeks, latest first (0, 1, ...), None outside that window."""
    if deadline >= today:
        return TaskStatus.NEW if _crc(deadline.isoformat()) % 3 == 0 else TaskStatus.IN_PROGRESS
    if recent_rank is not None and recent_rank < OVERDUE_KEPT:
        return TaskStatus.IN_PROGRESS
    return TaskStatus.DONE


_ORDER: dict[str, int] = {TaskStatus.NEW: 0, TaskStatus.IN_PROGRESS: 1, TaskStatus.DONE: 2}


class CurrentMeetings:
    def __init__(self, progress: Callable[[str], None]) -> None:
        self.progress = progress
        self.tally: Counter[tuple[str, str]] = Counter()
        self.kind = MeetingKind.objects.get(code="giao-ban-thang")

    def unit(self, code: str) -> OrgUnit:
        return OrgUnit.objects.get(code=code)

    def run(self) -> Counter[tuple[str, str]]:
        today = clock.today()
        self.progress("Giao ban hằng tháng của Ban Tuyên giáo và Dân vận Thành ủy và phường…")
        for spec in SERIES.values():
            series = self.series(spec)
            # A meeting the series planned on an earlier load and that is past now.
            for code in series.meetings.filter(
                status=Meeting.Status.PLANNED, starts_at__date__lt=today
            ).values_list("period_code", flat=True):
                if code and periods.parse(code) < first_month(today):
                    self.meeting(series, spec, periods.parse(code))
            month = first_month(today)
            while True:
                day = meeting_day(series, month)
                if day >= today:
                    break
                self.meeting(series, spec, month)
                month = month.shifted(1)
            if not series.meetings.filter(starts_at__date__gte=today).exists():
                meetings.series_schedule_next(actor=SYSTEM, series=series, count=1)
                self.tally[MEETINGS, CREATED] += 1
        self.tasks(today)
        return self.tally

    def series(self, spec: dict[str, Any]) -> MeetingSeries:
        unit = self.unit(spec["unit"])
        found = MeetingSeries.objects.filter(org_unit=unit, name=spec["name"]).first()
        if found is not None:
            return found
        return meetings.series_create(
            actor=SYSTEM,
            name=spec["name"],
            kind=self.kind,
            org_unit=unit,
            day_of_month=spec["day_of_month"],
            start_time=spec["start_time"],
            place=spec["place"],
        )

    def meeting(self, series: MeetingSeries, spec: dict[str, Any], month: periods.Period) -> None:
        found = series.meetings.filter(period_code=month.code).first()
        if found is not None and (
            found.status != Meeting.Status.PLANNED or found.attendances.exists()
        ):
            self.tally[MEETINGS, KEPT] += 1
            return
        starts_at = dt.datetime.combine(meeting_day(series, month), spec["start_time"], tzinfo=_TZ)
        title = f"Hội nghị giao ban công tác dân vận {month.label}, triển khai nhiệm vụ " + (
            month.shifted(1).label
        )
        if found is None:
            meeting = meetings.meeting_create(
                actor=SYSTEM,
                title=title,
                kind=self.kind,
                org_unit=series.org_unit,
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(hours=2),
                place=spec["place"],
                period_code=month.code,
                series=series,
                status=Meeting.Status.HELD,
            )
            self.tally[MEETINGS, CREATED] += 1
        else:  # planned by the series on an earlier load, held since
            meeting = meetings.meeting_update(
                actor=SYSTEM, meeting=found, status=Meeting.Status.HELD, title=title
            )
            self.tally[MEETINGS, UPDATED] += 1
        self.record(meeting, spec, month)

    def record(self, meeting: Meeting, spec: dict[str, Any], month: periods.Period) -> None:
        words = {"month": month.label, "next": month.shifted(1).label, "where": spec["where"]}
        people: dict[str, Attendance] = {}
        for name, unit_code, written, position, role in spec["attendees"]:
            unit = self.unit(unit_code)
            person = Person.objects.filter(full_name=name).first() if name else None
            people[name or written] = meetings.attendance_add(
                actor=SYSTEM,
                meeting=meeting,
                person=person,
                org_unit=unit,
                name_as_written=written,
                position_as_written=position,
                role=role,
            )
        reporter, chair = people[spec["reporter"]], people[spec["chair"]]
        meetings.agenda_item_add(
            actor=SYSTEM,
            meeting=meeting,
            title=f"Báo cáo kết quả công tác dân vận {month.label}, phương hướng nhiệm vụ "
            f"{month.shifted(1).label}",
            presenter=reporter,
        )
        meetings.agenda_item_add(actor=SYSTEM, meeting=meeting, title="Thảo luận, đóng góp ý kiến")
        meetings.agenda_item_add(
            actor=SYSTEM, meeting=meeting, title="Phát biểu kết luận hội nghị", presenter=chair
        )
        meetings.opinion_add(
            actor=SYSTEM,
            meeting=meeting,
            content=OPINIONS[month.first_month % len(OPINIONS)],
            speaker=people[spec["speaker"]],
        )
        conclusions = [
            meetings.conclusion_add(
                actor=SYSTEM, meeting=meeting, text=text.format(**words), concluded_by=chair
            )
            for text in CONCLUSIONS
        ]
        meetings.meeting_save_minutes(
            actor=SYSTEM,
            meeting=meeting,
            minutes=f"Hội nghị đánh giá kết quả công tác dân vận {month.label}, thống nhất "
            f"nhiệm vụ {month.shifted(1).label}. Đồng chí {spec['chair']} chủ trì và kết luận.",
            summary=f"Giao ban {month.label}: {len(spec['tasks'])} nhiệm vụ được giao.",
        )
        held_on = meeting.starts_at.astimezone(_TZ).date()
        for number, (lead, co_units, template, days) in enumerate(spec["tasks"]):
            task = tasks.task_create(
                actor=SYSTEM,
                title=template.format(**words),
                lead_unit=self.unit(lead),
                co_units=[self.unit(code) for code in co_units],
                deadline=held_on + dt.timedelta(days=days),
                conclusion=conclusions[number % len(conclusions)],
            )
            Task.objects.filter(pk=task.pk).update(created_at=meeting.starts_at)

    # --- the tasks' story ---------------------------------------------------------------

    def tasks(self, today: dt.date) -> None:
        demo = list(
            Task.objects.filter(
                conclusion__meeting__series__name__in=[s["name"] for s in SERIES.values()],
                conclusion__meeting__series__org_unit__code__in=[
                    s["unit"] for s in SERIES.values()
                ],
            )
            .exclude(deadline=None)
            .select_related("conclusion__meeting")
            .order_by("-deadline", "pk")
        )
        recent = [
            t for t in demo if today - dt.timedelta(days=OVERDUE_WINDOW) <= t.deadline < today
        ]
        rank = {task.pk: n for n, task in enumerate(recent)}
        touched = set(
            TaskUpdate.objects.filter(task__in=demo)
            .exclude(created_by=None)
            .values_list("task_id", flat=True)
        )
        for task in demo:
            assert task.deadline is not None
            target = task_target(task.deadline, today, rank.get(task.pk))
            if task.pk in touched or task.status not in _ORDER:
                continue
            if _ORDER[target] <= _ORDER[task.status]:
                self.tally[MEETINGS, KEPT] += 1
                continue
            self.advance(task, target, today)
            self.tally[MEETINGS, UPDATED] += 1

    def advance(self, task: Task, target: str, today: dt.date) -> None:
        held_on = task.conclusion.meeting.starts_at.astimezone(_TZ).date()  # type: ignore[union-attr]
        assert task.deadline is not None
        if target == TaskStatus.DONE:
            day = task.deadline - dt.timedelta(days=_crc(task.title) % 4)
            note = "Đã hoàn thành, báo cáo kết quả với đơn vị giao nhiệm vụ."
            progress = 100
        else:
            day = held_on + (min(task.deadline, today) - held_on) / 2
            note = "Đang triển khai; đã giao các khu dân cư, chi hội thực hiện."
            progress = 30 + _crc(task.title) % 5 * 10
        day = max(held_on, min(day, today - dt.timedelta(days=1)))
        entry = tasks.task_progress_add(
            actor=SYSTEM, task=task, progress=progress, note=note, status=target
        )
        moment = dt.datetime.combine(day, dt.time(16, 0), tzinfo=_TZ)
        TaskUpdate.objects.filter(pk=entry.pk).update(created_at=moment)
        if target == TaskStatus.DONE:
            Task.objects.filter(pk=task.pk).update(completed_on=day)


def load_current_meetings(progress: Callable[[str], None]) -> Counter[tuple[str, str]]:
    return CurrentMeetings(progress).run()
