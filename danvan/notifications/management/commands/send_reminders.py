"""manage.py send_reminders: today's due-soon and overdue notices (safe to run twice)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core import clock
from danvan.notifications.reminders import mail_send, reminders_send


class Command(BaseCommand):
    help = (
        "Gửi nhắc việc trong ứng dụng: báo cáo và nhiệm vụ sắp đến hạn (trong số ngày "
        "NOTIFY_LEAD_DAYS trước hạn, mỗi ngày một lần) và quá hạn (một lần, ngày sau hạn), "
        "cho người có vai trò tại đúng đơn vị; đơn vị đã ngừng hoạt động không nhận. Chạy "
        "lại trong cùng ngày không tạo thêm thông báo nào. Sau đó xếp hàng thư tổng hợp hằng "
        "ngày cho người chọn nhận (không gửi thư rỗng) và gửi lại thư bị lỗi trong 7 ngày."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ngay", dest="day", help="Ngày chạy (YYYY-MM-DD), mặc định hôm nay.")

    def handle(self, *args: Any, **options: Any) -> None:
        day = clock.today()
        if options.get("day"):
            try:
                day = dt.date.fromisoformat(options["day"])
            except ValueError as error:
                raise CommandError("Ngày không hợp lệ, cần dạng YYYY-MM-DD.") from error
        result = reminders_send(day=day)
        mail = mail_send()
        self.stdout.write(
            f"Nhắc việc ngày {day:%d/%m/%Y}: {result.reports} thông báo báo cáo, "
            f"{result.tasks} thông báo nhiệm vụ, {result.petitions} thông báo đơn thư; "
            f"{mail.digests} thư tổng hợp, "
            f"{mail.retried} thư gửi lại."
        )
