"""Counters: views per page, visitors of the last minutes, total visits of the site.

Hits are buffered in memory and flushed in batches (``portal.counters``); these tables only
ever receive ``UPDATE … SET n = n + k`` and upserts, so concurrent flushes never lose counts.
"""

from __future__ import annotations

from django.db import models


class PageViewCount(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="view_count",
        verbose_name="trang",
    )
    views = models.PositiveBigIntegerField("lượt xem", default=0)

    class Meta:
        verbose_name = "lượt xem"
        verbose_name_plural = "lượt xem"

    def __str__(self) -> str:
        return f"{self.page_id}: {self.views}"


class SiteCounter(models.Model):
    """Named site-wide totals (``visits``: "Tổng" of "Số lượng truy cập")."""

    key = models.CharField(max_length=32, primary_key=True)
    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "bộ đếm"
        verbose_name_plural = "bộ đếm"

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"


class PortalVisitor(models.Model):
    """One anonymous visitor (a keyed hash of address and browser) and when last seen."""

    key = models.CharField(max_length=64, unique=True)
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "người truy cập"
        verbose_name_plural = "người truy cập"

    def __str__(self) -> str:
        return self.key
