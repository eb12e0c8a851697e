"""manage.py fetch_weather: fetch the weather box of every site now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from danvan.portal.weather import weather_refresh


class Command(BaseCommand):
    help = (
        "Lấy ngay thời tiết các địa phương của từng trang (cài đặt cổng thông tin: địa chỉ "
        "nhà cung cấp có {lat} và {lon}, mỗi dòng một nơi «Hà Nội | 21.03 | 105.85») và lưu "
        "lại cho ô «Thời tiết các vùng». Trang chưa đặt nhà cung cấp thì bỏ qua. Một địa "
        "phương lỗi thì cả lần lấy của trang đó lỗi và ô thời tiết ẩn đi; lý do được in ra. "
        "Chạy lại nhiều lần không sao. Trả mã lỗi 1 khi có trang lấy không được."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        fetched = failed = skipped = 0
        for site in Site.objects.order_by("pk"):
            name = site.site_name or site.hostname
            snapshot = weather_refresh(site=site)
            if snapshot is None:
                skipped += 1
                self.stdout.write(f"«{name}»: bỏ qua, chưa đặt nhà cung cấp thời tiết.")
            elif snapshot.ok:
                fetched += 1
                self.stdout.write(f"«{name}»: đã lấy {len(snapshot.readings)} địa phương.")
            else:
                failed += 1
                self.stderr.write(f"«{name}»: lỗi — {snapshot.error}")
        summary = (
            f"Thời tiết: {fetched} trang lấy được, {failed} trang lỗi, {skipped} trang bỏ qua."
        )
        if failed:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
