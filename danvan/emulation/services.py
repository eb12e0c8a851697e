"""Writes to the register of models: register, edit, progress and evidence, the moves.

Every service is atomic and audited (``service``), checks access with ``require`` and,
when it checks a state, re-reads the model under its row lock first. Who may make each
move is the table of :mod:`danvan.emulation.workflow`; registering, editing a
registration and posting progress need ``Cap.EMULATION_REGISTER`` on the model's unit
(a registration already checked is edited by its reviewers, ``EMULATION_REVIEW``).
Campaign writes are in :mod:`danvan.emulation.campaigns`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import can, require
from danvan.core import clock, concurrency
from danvan.core.audit import service
from danvan.core.uploads import DOCUMENT_KINDS, check_files
from danvan.emulation import workflow
from danvan.emulation.models import (
    FINAL_STATES,
    Campaign,
    EmulationModel,
    Evaluation,
    Evidence,
    Field,
    ProgressNote,
    RecognitionLevel,
    Score,
    State,
    Transition,
)
from danvan.lib.dates import format_date
from danvan.lib.text import fold, normalize_spaces
from danvan.org.models import OrgUnit
from danvan.people.models import Person

EVIDENCE_KINDS = DOCUMENT_KINDS
TEXTS = (
    "address",
    "beneficiaries",
    "rationale",
    "goals",
    "method",
    "resources",
    "timeline",
    "outputs",
    "sustainability",
    "summary",
)
EDITABLE = (
    "name",
    "kind",
    "holder",
    "field",
    "lead_unit",
    "partner_units",
    "people",
    "funds",
    "socialised_funds",
    "workdays",
    "starts_on",
    "ends_on",
    *TEXTS,
)
# Registration edits by the registering unit's reporter: before the model is under way.
EARLY_STATES = (State.REGISTERED, State.CHECKING)
MAX_MONEY = Decimal("1000000000")


# --- who may -----------------------------------------------------------------------------


def recogniser_for(unit: OrgUnit, level: RecognitionLevel) -> OrgUnit | None:
    """The unit that recognises at ``level`` a model of ``unit``: its outermost ancestor
    (or itself) at the level's org level (the ward, not the ward's Front)."""
    return (
        OrgUnit.objects.filter(
            pk__in=[*unit.ancestor_ids, unit.pk], level__code=level.org_level_code
        )
        .order_by("depth")
        .first()
    )


def move_unit(model: EmulationModel, move: workflow.Move) -> OrgUnit | None:
    """Where ``move``'s capability must be held for ``model``."""
    if move.where == workflow.Where.UNIT:
        return model.unit
    return model.recognised_by


def may_move(user: Any, model: EmulationModel, move: workflow.Move) -> bool:
    if model.state not in move.sources:
        return False
    if move.code == "cong_nhan":
        return any(
            can(user, move.cap, unit)
            for unit in (recogniser_for(model.unit, lv) for lv in model.campaign.levels.all())
            if unit is not None
        )
    unit = move_unit(model, move)
    return unit is not None and can(user, move.cap, unit)


def allowed_moves(user: Any, model: EmulationModel) -> list[workflow.Move]:
    return [m for m in workflow.moves_from(model.state) if may_move(user, model, m)]


def may_edit(user: Any, model: EmulationModel) -> bool:
    if model.state in FINAL_STATES:
        return False
    if model.state in EARLY_STATES and can(user, Cap.EMULATION_REGISTER, model.unit):
        return True
    return can(user, Cap.EMULATION_REVIEW, model.unit)


def may_post(user: Any, model: EmulationModel) -> bool:
    """Progress notes and evidence: the unit's reporter and reviewers, while it is open."""
    return model.state not in (State.STOPPED,) and can(user, Cap.EMULATION_REGISTER, model.unit)


# --- checks ------------------------------------------------------------------------------


def _money(errors: dict[str, str], model: EmulationModel, name: str, label: str) -> None:
    value = getattr(model, name)
    if value is None or value == "":
        setattr(model, name, None)
        return
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors[name] = f"{label} phải là một số."
        return
    if not number.is_finite() or not Decimal(0) <= number < MAX_MONEY:
        errors[name] = f"{label} phải từ 0 đến dưới 1 tỷ (triệu đồng)."
        return
    setattr(model, name, number.quantize(Decimal("0.1")))


def _validate(
    model: EmulationModel, partners: Sequence[OrgUnit], people: Sequence[Person], actor: Any
) -> None:
    errors: dict[str, str] = {}
    if not model.name:
        errors["name"] = "Nhập tên mô hình, điển hình."
    if not model.address:
        errors["address"] = "Nhập địa chỉ, địa bàn thực hiện (mô hình phải «có địa chỉ»)."
    if not model.field_id:
        errors["field"] = "Chọn lĩnh vực."
    elif not model.field.is_active:
        errors["field"] = f"Lĩnh vực «{model.field.name}» không còn dùng."
    lead: OrgUnit | None = model.lead_unit if model.lead_unit_id else None
    if lead is None:
        errors["lead_unit"] = "Chọn lực lượng chủ trì."
    elif not can(actor, Cap.ORG_VIEW, lead):
        errors["lead_unit"] = f"«{lead.name}» nằm ngoài phạm vi đơn vị của bạn."
    elif any(unit.pk == lead.pk for unit in partners):
        errors["partner_units"] = f"«{lead.name}» đã là lực lượng chủ trì."
    outside = [unit.name for unit in partners if not can(actor, Cap.ORG_VIEW, unit)]
    if outside and "partner_units" not in errors:
        errors["partner_units"] = f"Ngoài phạm vi đơn vị của bạn: {', '.join(outside)}."
    strangers = [p.full_name for p in people if not _person_visible(actor, p)]
    if strangers:
        errors["people"] = f"Ngoài phạm vi đơn vị của bạn: {', '.join(strangers)}."
    _money(errors, model, "funds", "Kinh phí")
    _money(errors, model, "socialised_funds", "Kinh phí xã hội hóa")
    if model.workdays is not None and not 0 <= model.workdays <= 10_000_000:
        errors["workdays"] = "Số ngày công phải từ 0 đến 10.000.000."
    if model.starts_on and model.ends_on and model.ends_on < model.starts_on:
        errors["ends_on"] = "Ngày kết thúc trước ngày bắt đầu."
    if errors:
        raise ValidationError(errors)
    model.full_clean(exclude=["campaign", "unit", "lead_unit", "field", "recognised_by"])


def _person_visible(actor: Any, person: Person) -> bool:
    from danvan.access.scope import scoped

    return scoped(Person.objects.filter(pk=person.pk), actor, Cap.PEOPLE_VIEW).exists()


def _clean_texts(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = dict(values)
    for name in TEXTS:
        if name in cleaned:
            text = (cleaned[name] or "").strip()
            cleaned[name] = normalize_spaces(text) if name == "address" else text
    if "name" in cleaned:
        cleaned["name"] = normalize_spaces(cleaned["name"])
    return cleaned


def _registration_errors(campaign: Campaign, unit: OrgUnit, on: dt.date) -> dict[str, str]:
    if unit.is_historical:
        return {"unit": f"«{unit.name}» đã ngừng hoạt động, không đăng ký được."}
    if not unit.path.startswith(campaign.launching_unit.path):
        return {
            "unit": f"«{unit.name}» không thuộc «{campaign.launching_unit.name}», đơn vị phát "
            "động đợt thi đua."
        }
    if on < campaign.starts_on or on > campaign.ends_on:
        return {
            "registered_on": f"Ngày đăng ký {format_date(on)} ngoài thời gian của đợt thi đua "
            f"({format_date(campaign.starts_on)} – {format_date(campaign.ends_on)})."
        }
    deadline = campaign.registration_deadline
    if deadline is not None and on > deadline:
        return {"registered_on": f"Đã quá hạn đăng ký ({format_date(deadline)})."}
    return {}


# --- register and edit --------------------------------------------------------------------


@service
def model_register(
    *,
    actor: Any,
    campaign: Campaign,
    unit: OrgUnit,
    name: str,
    field: Field,
    address: str,
    lead_unit: OrgUnit | None = None,
    partner_units: Iterable[OrgUnit] = (),
    people: Iterable[Person] = (),
    registered_on: dt.date | None = None,
    **values: Any,
) -> EmulationModel:
    """Đăng ký mô hình, điển hình in ``campaign`` for ``unit`` (its reporter, its leader,
    or — after 2025 — the ward Front's standing board collecting the registrations)."""
    require(actor, Cap.EMULATION_REGISTER, unit)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"Không có các trường: {', '.join(sorted(unknown))}.")
    on = registered_on or clock.today()
    errors = _registration_errors(campaign, unit, on)
    if errors:
        raise ValidationError(errors)
    partners, persons = list(partner_units), list(people)
    model = EmulationModel(
        campaign=campaign,
        unit=unit,
        field=field,
        lead_unit=lead_unit or unit,
        registered_on=on,
        state=State.REGISTERED,
        state_changed_on=on,
        **_clean_texts({"name": name, "address": address, **values}),
    )
    model.name_folded = fold(model.name)
    _validate(model, partners, persons, actor)
    model.save()
    model.partner_units.set(partners)
    model.people.set(persons)
    _record(model, actor=actor, move="dang_ky", source=State.REGISTERED, on=on, note="")
    return model


@service
def model_update(
    *, actor: Any, model: EmulationModel, version: int | None = None, **changes: Any
) -> EmulationModel:
    """Sửa thông tin đăng ký; an edit from another ``version`` is refused."""
    concurrency.lock(model)
    if not can(actor, Cap.EMULATION_REGISTER, model.unit):
        require(actor, Cap.EMULATION_REVIEW, model.unit)
    if not may_edit(actor, model):
        if model.state in FINAL_STATES:
            raise ValidationError(
                f"Mô hình đã ở tình trạng «{model.get_state_display()}»: không sửa được nữa."
            )
        raise PermissionDenied(
            "Mô hình đã qua bước kiểm tra: chỉ lãnh đạo đơn vị hoặc cán bộ Ban sửa được."
        )
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    concurrency.check_version(model, version)
    before = concurrency.snapshot(model)
    old_partners = set(model.partner_units.values_list("pk", flat=True))
    old_people = set(model.people.values_list("pk", flat=True))
    partners = list(changes.pop("partner_units", model.partner_units.all()))
    persons = list(changes.pop("people", model.people.all()))
    for name, value in _clean_texts(changes).items():
        if name in ("field", "lead_unit") and value is None:
            continue
        setattr(model, name, value)
    model.name_folded = fold(model.name)
    _validate(model, partners, persons, actor)
    moved = {u.pk for u in partners} != old_partners or {p.pk for p in persons} != old_people
    changed = concurrency.save_changed(model, before, force=moved)
    model.partner_units.set(partners)
    model.people.set(persons)
    if model.is_public and changed:
        from danvan.emulation.portal import published_changed

        published_changed()
    return model


@service
def model_publish(*, actor: Any, model: EmulationModel, public: bool) -> EmulationModel:
    """Công khai (or withdraw) a recognised model on the portal's "Dân vận khéo" section."""
    concurrency.lock(model)
    require(actor, Cap.EMULATION_REVIEW, model.unit)
    if public and not model.is_recognised:
        raise ValidationError(
            {"is_public": "Chỉ mô hình đã được công nhận mới đăng lên cổng thông tin."}
        )
    if public and not model.summary:
        raise ValidationError(
            {"summary": "Nhập tóm tắt kết quả trước khi đăng lên cổng thông tin."}
        )
    if model.is_public != public:
        model.is_public = public
        concurrency.bump(model, "is_public")
        from danvan.emulation.portal import published_changed

        published_changed()
    return model


@service
def model_delete(*, actor: Any, model: EmulationModel) -> EmulationModel:
    """Xóa a registration entered by mistake (soft delete; history stays)."""
    concurrency.lock(model)
    require(actor, Cap.EMULATION_REVIEW, model.unit)
    if model.state != State.REGISTERED:
        raise ValidationError("Chỉ xóa được mô hình mới đăng ký; mô hình đã theo dõi thì «Dừng».")
    model.deleted_at = timezone.now()
    model.save(update_fields=["deleted_at", "updated_at"])
    return model


# --- progress and evidence -------------------------------------------------------------


def _check_files(uploads: Sequence[UploadedFile]) -> list[tuple[UploadedFile, str, str]]:
    """Each file's (upload, kind, name), or every refusal at once naming the files."""
    return check_files(uploads, accepted=EVIDENCE_KINDS)


@service
def note_add(
    *,
    actor: Any,
    model: EmulationModel,
    text: str,
    noted_on: dt.date | None = None,
    files: Sequence[UploadedFile] = (),
    caption: str = "",
    illustration: bool = False,
) -> ProgressNote:
    """Ghi nhận tiến độ by date, with evidence files and photos (checked by content)."""
    concurrency.lock(model)
    require(actor, Cap.EMULATION_REGISTER, model.unit)
    if model.state == State.STOPPED:
        raise ValidationError("Mô hình đã dừng: không ghi nhận tiến độ được.")
    on = noted_on or clock.today()
    errors: dict[str, str] = {}
    if not (text or "").strip():
        errors["text"] = "Nhập nội dung đã thực hiện."
    if on > clock.today():
        errors["noted_on"] = f"Ngày {format_date(on)} chưa tới."
    elif on < model.registered_on:
        errors["noted_on"] = (
            f"Ngày {format_date(on)} trước ngày đăng ký ({format_date(model.registered_on)})."
        )
    if errors:
        raise ValidationError(errors)
    evidence = _check_files(files)
    note = ProgressNote(
        model=model,
        noted_on=on,
        text=text.strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    note.full_clean(exclude=["model", "created_by"])
    note.save()
    for upload, kind, name in evidence:
        Evidence.objects.create(
            model=model,
            note=note,
            file=upload,
            original_name=name,
            kind=kind,
            size=upload.size or 0,
            caption=normalize_spaces(caption)[:300],
            is_illustration=illustration,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
    return note


# --- the moves ----------------------------------------------------------------------------


def _record(
    model: EmulationModel, *, actor: Any, move: str, source: str, on: dt.date, note: str
) -> Transition:
    return Transition.objects.create(
        model=model,
        move=move,
        from_state=source,
        to_state=model.state,
        on=on,
        note=note,
        actor=actor if getattr(actor, "pk", None) else None,
    )


def _move_date(model: EmulationModel, on: dt.date | None) -> dt.date:
    day = on or clock.today()
    if day > clock.today():
        raise ValidationError({"on": f"Ngày {format_date(day)} chưa tới."})
    last = model.state_changed_on or model.registered_on
    if day < last:
        raise ValidationError(
            {
                "on": f"Ngày {format_date(day)} trước lần chuyển tình trạng trước "
                f"({format_date(last)})."
            }
        )
    return day


def _refuse(model: EmulationModel, code: str) -> workflow.Move:
    move = workflow.find(code, model.state)
    if move is None:
        if code not in workflow.BY_CODE:
            raise ValidationError({"move": f"Không có thao tác «{code}»."})
        wanted = workflow.BY_CODE[code]
        raise ValidationError(
            {
                "move": f"Không thể «{wanted.label.lower()}» mô hình đang ở tình trạng "
                f"«{model.get_state_display()}»."
            }
        )
    return move


def _apply(
    model: EmulationModel, move: workflow.Move, *, actor: Any, on: dt.date, note: str
) -> Transition:
    source = model.state
    model.state = move.target
    model.state_changed_on = on
    if move.target == State.STOPPED:
        model.stop_reason = note[:500]
    fields = ["state", "state_changed_on", "stop_reason", "recognised_level", "recognised_by"]
    concurrency.bump(model, *fields, "recognised_on")
    if source in (State.RECOGNISED, State.EXEMPLARY) and model.is_public:
        from danvan.emulation.portal import published_changed

        published_changed()
    return _record(model, actor=actor, move=move.code, source=source, on=on, note=note)


@service
def model_move(
    *,
    actor: Any,
    model: EmulationModel,
    move: str,
    note: str = "",
    on: dt.date | None = None,
    version: int | None = None,
) -> Transition:
    """Make one move of the table (not the evaluation or the recognition, which carry
    their own data: :func:`evaluation_record`, :func:`model_recognise`)."""
    concurrency.lock(model)
    the_move = _refuse(model, move)
    if the_move.code in workflow.SPECIAL:
        raise ValidationError({"move": f"«{the_move.label}» cần nhập đủ thông tin ở mục riêng."})
    unit = move_unit(model, the_move)
    require(actor, the_move.cap, unit)
    concurrency.check_version(model, version)
    note = (note or "").strip()
    if the_move.needs_note and not note:
        what = "lý do dừng" if the_move.target == State.STOPPED else "kết quả sơ kết"
        raise ValidationError({"note": f"Nhập {what}."})
    if the_move.target == State.REVIEWED and not model.notes.exists():
        raise ValidationError(
            {"move": "Chưa có ghi nhận tiến độ nào: ghi nhận kết quả trước khi sơ kết."}
        )
    return _apply(model, the_move, actor=actor, on=_move_date(model, on), note=note)


def _scores(model: EmulationModel, given: Mapping[int, Any]) -> list[tuple[Any, Decimal]]:
    criteria = list(model.campaign.criteria.all())
    if not criteria:
        raise ValidationError({"scores": "Đợt thi đua chưa có tiêu chí chấm điểm."})
    unknown = set(given) - {c.pk for c in criteria}
    if unknown:
        raise ValidationError({"scores": "Có tiêu chí không thuộc đợt thi đua này."})
    rows: list[tuple[Any, Decimal]] = []
    problems: list[str] = []
    for criterion in criteria:
        raw = given.get(criterion.pk)
        try:
            value = Decimal(str(raw).replace(",", ".")) if raw not in (None, "") else None
        except (InvalidOperation, ValueError):
            value = None
        if value is None or not value.is_finite():
            problems.append(f"Nhập điểm «{criterion.name}».")
        elif not Decimal(0) <= value <= criterion.max_score:
            problems.append(
                f"Điểm «{criterion.name}» phải từ 0 đến {criterion.max_score.normalize():f}."
            )
        else:
            rows.append((criterion, value.quantize(Decimal("0.01"))))
    if problems:
        raise ValidationError({"scores": problems})
    return rows


@service
def evaluation_record(
    *,
    actor: Any,
    model: EmulationModel,
    scores: Mapping[int, Any],
    comment: str,
    on: dt.date | None = None,
    version: int | None = None,
) -> Evaluation:
    """Đánh giá: a score per criterion of the campaign and the evaluator's comment."""
    concurrency.lock(model)
    move = _refuse(model, "danh_gia")
    require(actor, move.cap, move_unit(model, move))
    concurrency.check_version(model, version)
    if not (comment or "").strip():
        raise ValidationError({"comment": "Nhập nhận xét của người đánh giá."})
    rows = _scores(model, scores)
    day = _move_date(model, on)
    evaluation = Evaluation.objects.create(
        model=model,
        evaluated_on=day,
        comment=comment.strip(),
        total=sum((value for _, value in rows), Decimal(0)),
        evaluator=actor if getattr(actor, "pk", None) else None,
    )
    for criterion, value in rows:
        Score.objects.create(evaluation=evaluation, criterion=criterion, score=value)
    _apply(model, move, actor=actor, on=day, note=f"Tổng điểm {evaluation.total.normalize():f}.")
    return evaluation


@service
def model_recognise(
    *,
    actor: Any,
    model: EmulationModel,
    level: RecognitionLevel,
    on: dt.date | None = None,
    note: str = "",
    version: int | None = None,
) -> Transition:
    """Công nhận at ``level``, by the unit of that level above the model, on a day the
    level exists ("huyện" only before 1/7/2025)."""
    concurrency.lock(model)
    move = _refuse(model, "cong_nhan")
    day = _move_date(model, on)
    if not model.campaign.levels.filter(pk=level.pk).exists():
        raise ValidationError(
            {"level": f"Đợt thi đua «{model.campaign.name}» không công nhận «{level.name}»."}
        )
    if not level.valid_on(day):
        raise ValidationError(
            {"level": f"«{level.name}» không còn công nhận vào ngày {format_date(day)}."}
        )
    recogniser = recogniser_for(model.unit, level)
    if recogniser is None:
        raise ValidationError(
            {"level": f"Không có đơn vị «{level.name}» phía trên «{model.unit.name}»."}
        )
    require(actor, move.cap, recogniser)
    concurrency.check_version(model, version)
    model.recognised_level = level
    model.recognised_by = recogniser
    model.recognised_on = day
    text = (note or "").strip() or f"Công nhận {level.name.lower()} ({recogniser.name})."
    return _apply(model, move, actor=actor, on=day, note=text)
