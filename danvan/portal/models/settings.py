"""Site settings an administrator edits in the CMS, and the weather box's last fetch."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class PortalSettings(BaseSiteSetting):
    organisation = models.CharField(
        "cơ quan chủ quản",
        max_length=250,
        blank=True,
        help_text="Ví dụ: Ban Tuyên giáo và Dân vận Thành ủy Hà Nội.",
    )
    address = models.CharField("địa chỉ", max_length=250, blank=True)
    phone = models.CharField("điện thoại", max_length=100, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    licence = models.CharField(
        "giấy phép", max_length=250, blank=True, help_text="Dòng giấy phép ở chân trang."
    )
    weather_provider_url = models.CharField(
        "địa chỉ nhà cung cấp thời tiết",
        max_length=500,
        blank=True,
        help_text=(
            "Để trống thì ẩn ô thời tiết. Dùng {lat} và {lon} cho tọa độ, ví dụ "
            "https://api.open-meteo.com/v1/forecast?latitude={lat}&longitude={lon}"
            "&current=temperature_2m,relative_humidity_2m,weather_code"
        ),
    )
    weather_cities = models.TextField(
        "các địa phương",
        blank=True,
        help_text="Mỗi dòng một nơi: tên | vĩ độ | kinh độ, ví dụ: Hà Nội | 21.03 | 105.85",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("licence"),
            ],
            heading="Chân trang",
        ),
        MultiFieldPanel(
            [FieldPanel("weather_provider_url"), FieldPanel("weather_cities")],
            heading="Thời tiết các vùng",
        ),
    ]

    class Meta:
        verbose_name = "cài đặt cổng thông tin"

    def clean(self) -> None:
        super().clean()
        if self.weather_provider_url.strip():
            from danvan.portal.weather import parse_cities

            try:
                parse_cities(self.weather_cities)
            except ValueError as error:
                raise ValidationError({"weather_cities": str(error)}) from None


class WeatherSnapshot(models.Model):
    """The last weather fetch for a site: readings per city, or why it failed."""

    site = models.OneToOneField(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="weather_snapshot"
    )
    readings = models.JSONField("số liệu", default=list)
    ok = models.BooleanField("lấy được", default=False)
    error = models.TextField("lỗi", blank=True)
    fetched_at = models.DateTimeField("lấy lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thời tiết"
        verbose_name_plural = "thời tiết"

    def __str__(self) -> str:
        return f"{self.site_id}: {'ok' if self.ok else self.error[:40]}"
