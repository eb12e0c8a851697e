"""Base classes shared by every domain model.

Domain records are never hard-deleted: ``deleted_at`` hides them from the default
manager, their history stays readable, and an administrator can restore them.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class SoftDeleteQuerySet(models.QuerySet):
    def alive(self) -> SoftDeleteQuerySet:
        return self.filter(deleted_at__isnull=True)

    def deleted(self) -> SoftDeleteQuerySet:
        return self.filter(deleted_at__isnull=False)


class AliveManager(models.Manager.from_queryset(SoftDeleteQuerySet)):  # type: ignore[misc]
    """The default manager: only records that are not soft-deleted."""

    def get_queryset(self) -> SoftDeleteQuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


class DomainModel(models.Model):
    created_at = models.DateTimeField("tạo lúc", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    deleted_at = models.DateTimeField("xóa lúc", null=True, blank=True, editable=False)

    # Each concrete model declares ``objects`` (only alive rows, an AliveManager or a
    # subclass with its own queryset) and ``all_objects`` (deleted ones too).

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
