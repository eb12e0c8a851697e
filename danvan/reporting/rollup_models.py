"""The rollup's two tables (issue 19), kept beside the values by every write that counts.

- ``UnitContribution``: what one unit's own stored values add to one calendar period,
  after the coverage rule (a coarser value covers the finer ones inside it): the total,
  how many values count, their mean and the last. One row per (indicator, unit, period)
  that has a counted value; the next change of that unit is compared against it.
- ``RollupDelta``: insert-only additions to an ancestor's figure. When a unit's
  contribution changes, one row per strict ancestor records the difference (total, mean,
  last, units counted) under the unit's organisation kind. An ancestor's figure is its
  own contribution plus the sum of its rows: sibling units that submit at the same
  moment each insert their own rows and never wait on one national row. ``compact``
  folds the rows of a key into one, now and then.
"""

from __future__ import annotations

from django.db import models

# Every organisation kind's rows are kept apart; a unit without a kind (a place: xã, tỉnh)
# adds under 0. "All kinds" is the sum over kinds.
NO_KIND = 0


class UnitContribution(models.Model):
    indicator = models.ForeignKey(
        "reporting.Indicator", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    org_unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    period = models.CharField(max_length=8)
    total = models.DecimalField(max_digits=30, decimal_places=4)
    mean = models.DecimalField(max_digits=30, decimal_places=8)
    last = models.DecimalField(max_digits=30, decimal_places=4)
    counted = models.PositiveIntegerField()  # how many stored values count (for the mean)

    class Meta:
        verbose_name = "phần đóng góp của đơn vị"
        verbose_name_plural = "phần đóng góp của đơn vị"
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "period", "indicator"], name="unit_contribution_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.org_unit_id} {self.period}: {self.total}"


class RollupDelta(models.Model):
    indicator = models.ForeignKey(
        "reporting.Indicator", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    ancestor = models.ForeignKey(
        "org.OrgUnit", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    period = models.CharField(max_length=8)
    kind = models.PositiveIntegerField(default=NO_KIND)  # OrganisationKind pk, 0 = none
    total = models.DecimalField(max_digits=30, decimal_places=4)
    mean = models.DecimalField(max_digits=30, decimal_places=8)
    last = models.DecimalField(max_digits=30, decimal_places=4)
    units = models.IntegerField()

    class Meta:
        verbose_name = "phần cộng dồn"
        verbose_name_plural = "phần cộng dồn"
        indexes = [
            models.Index(
                fields=["ancestor", "period", "indicator", "kind"], name="rollup_delta_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.ancestor_id} {self.period} ({self.kind}): {self.total}"
