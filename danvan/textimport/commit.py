"""Import and accept in one step, as the review page first offers it (``import_article
--commit``): for bringing in an archive of articles whose proposals were checked."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.awards.models import AwardForm
from danvan.textimport import awards as stated_awards
from danvan.textimport import defaults, services
from danvan.textimport.forms import NEW
from danvan.textimport.models import ArticleImport, SourceKind


def import_and_accept(*, actor: Any, text: str, source_name: str = "") -> str:
    """One line saying what was done (Vietnamese)."""
    created = services.import_create(
        actor=actor, text=text, source_name=source_name, source_kind=SourceKind.FILE
    )
    item = created.item
    if item.status != ArticleImport.Status.PROPOSED:
        state = item.get_status_display()
        return f"Bài viết đã nhập trước đó (#{item.pk}, {state}): không ghi gì thêm."
    initial = defaults.review_initial(actor, item)
    missing = [
        label
        for key, label in (
            ("org_unit", "đơn vị tổ chức"),
            ("held_on", "ngày họp"),
            ("kind", "loại hội nghị"),
        )
        if not initial.get(key)
    ]
    if missing:
        raise ValidationError(
            f"Bài viết #{item.pk} chưa xác định được {', '.join(missing)}: mở trang "
            f"/quan-ly/nhap-bai-viet/{item.pk}/ để xem lại."
        )
    rows, _choices = defaults.people_rows(actor, item)
    people_rows = []
    for row in rows:
        match = row["match"]
        person = None
        if match and match != NEW:
            from danvan.people.models import Person

            person = Person.objects.get(pk=int(match))
        people_rows.append(
            services.PersonRow(
                name=row["name"],
                position=row["position"],
                role=row["role"],
                person=person,
                create=match == NEW,
            )
        )
    award_rows = [
        stated_awards.AwardRow(
            form=AwardForm.objects.get(pk=row["form"]),
            collectives=row["collectives"],
            individuals=row["individuals"],
            reason=row["reason"],
            text=row["text"],
        )
        for row in stated_awards.rows(item)
        if row["include"]
    ]
    if not can(actor, Cap.AWARD_MANAGE, initial["org_unit"]):
        award_rows = []
    held_on: dt.date = initial["held_on"]
    accepted = services.import_accept(
        actor=actor,
        item=item,
        version=item.version,
        org_unit=initial["org_unit"],
        title=initial["title"],
        kind=initial["kind"],
        held_on=held_on,
        place=initial["place"],
        period_code=initial["period_code"],
        people_rows=people_rows,
        award_rows=award_rows,
    )
    what = "tạo" if accepted.new_meeting else "bổ sung"
    return (
        f"Đã {what} hội nghị #{accepted.meeting.pk} «{accepted.meeting.title}» "
        f"({held_on:%d/%m/%Y}, {accepted.attendees} người dự"
        + (
            f", {len(accepted.award_decisions)} quyết định khen thưởng"
            if accepted.award_decisions
            else ""
        )
        + f") từ bài viết #{item.pk}."
    )
