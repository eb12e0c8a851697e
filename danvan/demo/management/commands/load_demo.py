from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from danvan.access.system import SYSTEM
from danvan.core import clock
from danvan.core.audit import acting_as
from danvan.core.db import refresh_statistics
from danvan.demo import portal_loader
from danvan.demo.loader import DemoLoader, summary
from danvan.demo.notices import demo_notices_write
from danvan.notifications.reminders import reminders_send
from danvan.notifications.services import quiet
from danvan.reporting import rollup


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu trình diễn từ năm bài viết mẫu: cây đơn vị (Hà Nội, TP Hồ Chí Minh, "
        "Ninh Bình; các quận, phường trước 01/7/2025 và một phần phường mới sau đó, có quan "
        "hệ kế thừa), cán bộ và chức vụ như bài viết ghi, các tài khoản trình diễn "
        "(mật khẩu DanVan@2026, chỉ đăng nhập được khi DEBUG bật). "
        "Quy tắc: mọi thứ nằm trong một giao dịch (lỗi thì không ghi gì); đơn vị, cán bộ, "
        "chức vụ được tạo qua các service dưới danh nghĩa Hệ thống nên có trong nhật ký; "
        "chạy lại không tạo bản trùng: đơn vị tìm theo mã, cán bộ theo tên và đơn vị, chức "
        "vụ theo cán bộ, đơn vị và chức danh; đã có thì giữ nguyên, chỉ đặt lại mật khẩu và "
        "vai trò của tài khoản trình diễn."
        # Số liệu báo cáo (danvan.demo.reporting_data).
        " Số liệu: các con số của bài viết 002 (Tam Điệp, 6 tháng đầu năm 2021) và 003 "
        "(Hội Chữ thập đỏ quận Tây Hồ, 2020 so với 2010) lưu thành số đếm theo xã, phường; "
        "báo cáo tháng của 9 xã, phường Tam Điệp (07/2020–06/2022); mọi báo cáo được nhập, "
        "gửi và duyệt qua các service; báo cáo đã có thì giữ nguyên."
        # Cơ cấu hiện hành (danvan.demo.current_*), tính theo ngày chạy lệnh.
        " Cơ cấu từ 01/7/2025: Ban Tuyên giáo và Dân vận Thành ủy Hà Nội, Tỉnh ủy Ninh Bình; "
        "các phường mới có Đảng ủy, Ban Xây dựng Đảng, UBND, Ủy ban MTTQ với CĐ, HND, ĐTN, "
        "LHPN, CCB, CTĐ, NCT; khu dân cư có chi bộ, Ban công tác Mặt trận, chi hội. Các tài "
        "khoản trình diễn làm việc ở các đơn vị đang hoạt động. Ngày tháng tính theo ngày chạy "
        "lệnh: báo cáo tháng của các phường mới từ 07/2025 đến tháng vừa kết thúc (tháng đó "
        "còn dở: phường Định Công chưa gửi, một báo cáo bị trả lại, hai chờ duyệt), giao ban "
        "hằng tháng của Ban Tuyên giáo và Dân vận Thành ủy và của phường Định Công trong năm "
        "với kết luận, nhiệm vụ (quá hạn vài ngày, không quá hai tuần), bài viết của năm trên "
        "cổng thông tin. Chạy lại cùng ngày không ghi gì; chạy vào ngày sau thì thêm các tháng "
        "mới và đưa tiếp những gì dữ liệu trình diễn để dở (báo cáo chờ duyệt, nhiệm vụ đã "
        "cũ); những gì người dùng đã sửa thì giữ nguyên."
        " Hội nghị, văn bản: năm hội nghị của các bài viết với thành phần, chương trình, ý kiến, "
        "kết luận và nhiệm vụ; các văn bản được trích dẫn trong sổ văn bản."
        " Soạn thảo văn bản: cách đánh số văn bản của 5 Ban Dân vận quận, thành phố và 2 phường "
        "mới; báo cáo tháng 01–06/2023 (số liệu và lời văn) của 14 phường quận Hoàng Mai."
        # Cổng thông tin (danvan.demo.portal_loader), sau cùng.
        " Cổng thông tin: năm bài viết mẫu đã đăng (ngày giờ, tác giả, nguồn như bài viết ghi, "
        "ảnh minh họa vẽ sẵn), một album ảnh, hai thông báo, ý kiến bạn đọc (có ý kiến chờ "
        "duyệt), phần chân trang, các văn bản công khai; biên tập viên và kiểm duyệt viên "
        "trình diễn vào nhóm quyền của Wagtail. Trang, ảnh, ý kiến đã có thì giữ nguyên."
        " Thông báo: lịch sử được nạp không kèm thông báo; sau đó mỗi việc đang chờ (báo cáo "
        "bị trả lại, chờ duyệt, nhiệm vụ mới, giấy mời hội nghị sắp tới, ý kiến chờ duyệt) có "
        "một thông báo, và nhắc việc của ngày nạp (send_reminders); chạy lại không ghi thêm."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()

        def progress(message: str) -> None:
            if options["verbosity"] > 0:
                self.stderr.write(message)

        with transaction.atomic(), acting_as(SYSTEM):
            # History is written as it happened, without its notifications (no news today).
            with quiet():
                tally = DemoLoader(progress).run()
                # Last, after the users: pages are written by demo_editor, published by
                # demo_moderator, and both join their Wagtail groups.
                portal = portal_loader.PortalLoader(progress).run()
            # Part of the history is written past the services (approved in bulk): the
            # rollup is rebuilt from the values once, as ``rebuild_rollups`` does.
            rollup.rebuild()
            # What waits today, said once, and the day's reminders (once a day).
            today = clock.today()
            noticed = demo_notices_write(today=today) + reminders_send(day=today).total
        refresh_statistics()
        seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
        self.stdout.write(
            f"Đã nạp dữ liệu trình diễn ({seconds} giây): {summary(tally)}; "
            f"{portal_loader.summary(portal)}; thông báo: {noticed} mới."
        )
