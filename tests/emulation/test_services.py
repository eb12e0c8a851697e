"""Registering, editing, evidence, evaluation and recognition: what is refused and why."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from danvan.access.system import SYSTEM
from danvan.core.concurrency import StaleEdit
from danvan.emulation import campaigns, services
from danvan.emulation.models import Evidence, RecognitionLevel, State
from danvan.org.services import org_unit_update
from tests.emulation.conftest import full_scores, level, make_campaign, put_in, register


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def test_registration_fields_are_checked(tree, campaign):
    with pytest.raises(ValidationError) as refused:
        register(campaign, tree.mttq_dinh_cong, name="  ", address="")
    errors = refused.value.message_dict
    assert "name" in errors and "có địa chỉ" in errors["address"][0]


def test_registration_after_the_deadline_or_outside_the_campaign_is_refused(tree, campaign):
    with pytest.raises(ValidationError) as late:
        register(campaign, tree.mttq_dinh_cong, registered_on=dt.date(2026, 4, 2))
    assert "quá hạn đăng ký (31/03/2026)" in str(late.value)
    ward_campaign = make_campaign(tree.dinh_cong)
    with pytest.raises(ValidationError) as outside:
        register(ward_campaign, tree.buoi)
    assert "không thuộc «Phường Định Công»" in str(outside.value)


def test_money_and_workdays_are_bounded(tree, campaign):
    with pytest.raises(ValidationError) as refused:
        register(campaign, tree.mttq_dinh_cong, funds=Decimal("1e12"), workdays=10**9)
    errors = refused.value.message_dict
    assert "funds" in errors and "workdays" in errors
    model = register(campaign, tree.mttq_dinh_cong, funds=Decimal("12.54"), workdays=120)
    assert model.funds == Decimal("12.5")


def test_a_closed_unit_cannot_register(tree, campaign):
    org_unit_update(actor=SYSTEM, unit=tree.buoi, valid_to=dt.date(2025, 6, 30))
    tree.buoi.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        register(campaign, tree.buoi)
    assert "ngừng hoạt động" in str(refused.value)


def test_evidence_is_judged_by_its_content(tree, campaign, media, today):
    model = register(campaign, tree.mttq_dinh_cong)
    fake = SimpleUploadedFile("anh.png", b"<script>alert(1)</script>", "image/png")
    with pytest.raises(ValidationError) as refused:
        services.note_add(actor=SYSTEM, model=model, text="Ảnh", files=[fake])
    assert "anh.png" in str(refused.value) and "nội dung tệp" in str(refused.value)
    assert not model.notes.exists()
    photo = SimpleUploadedFile("hien-truong.jpg", _png(), "image/jpeg")
    services.note_add(actor=SYSTEM, model=model, text="Ảnh hiện trường", files=[photo])
    evidence = Evidence.objects.get(model=model)
    assert evidence.kind == "png" and evidence.is_photo


def test_progress_dates_are_checked(tree, campaign, today):
    model = register(campaign, tree.mttq_dinh_cong)
    with pytest.raises(ValidationError) as future:
        services.note_add(actor=SYSTEM, model=model, text="x", noted_on=dt.date(2026, 7, 1))
    assert "chưa tới" in str(future.value)
    with pytest.raises(ValidationError) as before:
        services.note_add(actor=SYSTEM, model=model, text="x", noted_on=dt.date(2026, 1, 2))
    assert "trước ngày đăng ký" in str(before.value)


def test_review_needs_progress_first(tree, campaign):
    model = put_in(register(campaign, tree.mttq_dinh_cong), State.RUNNING)
    with pytest.raises(ValidationError) as refused:
        services.model_move(actor=SYSTEM, model=model, move="so_ket", note="Tốt")
    assert "Chưa có ghi nhận tiến độ" in str(refused.value)


def test_evaluation_scores_every_criterion_within_its_maximum(tree, campaign):
    model = put_in(register(campaign, tree.mttq_dinh_cong), State.REVIEWED)
    criteria = list(campaign.criteria.all())
    with pytest.raises(ValidationError) as missing:
        services.evaluation_record(
            actor=SYSTEM, model=model, scores={criteria[0].pk: 5}, comment="Được"
        )
    assert "Nhập điểm «Nhân dân hưởng ứng»" in str(missing.value)
    too_high = full_scores(model)
    too_high[criteria[1].pk] = Decimal(21)
    with pytest.raises(ValidationError) as high:
        services.evaluation_record(actor=SYSTEM, model=model, scores=too_high, comment="Được")
    assert "phải từ 0 đến 20" in str(high.value)
    with pytest.raises(ValidationError):
        services.evaluation_record(actor=SYSTEM, model=model, scores=full_scores(model), comment="")
    model.refresh_from_db()
    assert model.state == State.REVIEWED and not model.evaluations.exists()


def test_district_level_recognises_only_before_july_2025(tree, today):
    today(dt.date(2025, 8, 1))
    campaign = make_campaign(tree.hanoi, year=2025, levels=("co-so", "huyen", "tinh"))
    model = put_in(register(campaign, tree.mttq_dinh_cong), State.EVALUATED)
    with pytest.raises(ValidationError) as refused:
        services.model_recognise(
            actor=SYSTEM, model=model, level=level("huyen"), on=dt.date(2025, 7, 15)
        )
    assert "«Cấp huyện» không còn công nhận vào ngày 15/07/2025" in str(refused.value)
    services.model_recognise(
        actor=SYSTEM, model=model, level=level("huyen"), on=dt.date(2025, 6, 20)
    )
    model.refresh_from_db()
    assert model.recognised_by == tree.hoang_mai


def test_a_campaign_after_the_districts_cannot_recognise_at_district_level(tree, today):
    with pytest.raises(ValidationError) as refused:
        make_campaign(tree.hanoi, year=2026, levels=("co-so", "huyen"))
    assert "«Cấp huyện» không còn áp dụng" in str(refused.value)


def test_a_level_the_campaign_does_not_recognise_is_refused(tree, campaign):
    model = put_in(register(campaign, tree.mttq_dinh_cong), State.EVALUATED)
    RecognitionLevel.objects.filter(code="huyen").update(valid_to=None)
    with pytest.raises(ValidationError) as refused:
        services.model_recognise(actor=SYSTEM, model=model, level=level("huyen"))
    assert "không công nhận «Cấp huyện»" in str(refused.value)


def test_a_stale_edit_is_refused_with_who_changed_what(cast, tree, campaign):
    model = register(campaign, tree.mttq_dinh_cong)
    opened = model.version
    services.model_update(actor=cast.leader, model=model, version=opened, address="Ngõ 5")
    with pytest.raises(StaleEdit) as stale:
        services.model_update(actor=cast.reporter, model=model, version=opened, address="Ngõ 6")
    assert "Leader" in str(stale.value.messages[0])
    model.refresh_from_db()
    assert model.address == "Ngõ 5"


def test_a_stale_move_is_refused(cast, tree, campaign):
    model = register(campaign, tree.mttq_dinh_cong)
    opened = model.version
    services.model_move(actor=cast.leader, model=model, move="kiem_tra", version=opened)
    with pytest.raises(StaleEdit):
        services.model_move(actor=cast.board, model=model, move="dung", note="x", version=opened)


def test_only_a_recognised_model_with_a_summary_goes_public(cast, tree, campaign):
    model = register(campaign, tree.mttq_dinh_cong)
    with pytest.raises(ValidationError):
        services.model_publish(actor=cast.leader, model=model, public=True)
    put_in(model, State.RECOGNISED)
    with pytest.raises(ValidationError) as no_summary:
        services.model_publish(actor=cast.leader, model=model, public=True)
    assert "tóm tắt" in str(no_summary.value)
    services.model_update(actor=cast.leader, model=model, summary="16 camera, hết mất trộm.")
    services.model_publish(actor=cast.leader, model=model, public=True)
    model.refresh_from_db()
    assert model.is_public


def test_criteria_already_scored_stay(tree, campaign):
    model = put_in(register(campaign, tree.mttq_dinh_cong), State.REVIEWED)
    services.evaluation_record(actor=SYSTEM, model=model, scores=full_scores(model), comment="Ổn")
    with pytest.raises(ValidationError) as refused:
        campaigns.campaign_update(actor=SYSTEM, campaign=campaign, criteria=[("Khác", 100)])
    assert "Đã có mô hình được chấm điểm" in str(refused.value)
