"""The "Dân vận khéo" register of the demo (``emulation_data``), dated relative to
``clock.today()``:

- the city's yearly campaign (Thành phố Hà Nội, launched by a Kế hoạch of the city's Ban
  Tuyên giáo và Dân vận entered in the register), for the year of the load (the year
  before, in January and February: the new campaign is not launched yet);
- fourteen models of today's Hà Nội wards, every state of the workflow, taken there
  through the services by the people whose move it is: in Định Công, demo_reporter
  registers and posts progress, demo_leader checks, evaluates and recognises at cơ sở
  level; demo_board recognises at tỉnh level; the other wards' moves are the System's.
  The Định Công camera model is recognised in the last closed month, so the ward's
  monthly report (still to be sent) counts it from the register;
- progress notes with evidence pictures drawn here with Pillow, marked "Ảnh minh họa".

Run before the wards' monthly reports (``current_loader``): reports sent by the demo
count these records. A model is keyed by (campaign, unit, name): a second load keeps it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageDraw

from danvan.access.system import SYSTEM
from danvan.core import clock
from danvan.demo import emulation_data as spec
from danvan.demo.portal_loader import GOLD, _caption_block, _font, _star
from danvan.documents.models import Document, DocumentType
from danvan.documents.services import document_create
from danvan.emulation import campaigns, services
from danvan.emulation.lookups import ensure_lookups
from danvan.emulation.models import Campaign, EmulationModel, Field, RecognitionLevel, State
from danvan.lib import periods
from danvan.org.models import OrgUnit

CREATED, KEPT, SKIPPED = "tạo mới", "giữ nguyên", "bỏ qua"
CATEGORY = "mô hình «Dân vận khéo»"
# The path of each target state, as moves of the workflow.
PATHS: dict[str, list[str]] = {
    State.REGISTERED: [],
    State.CHECKING: ["kiem_tra"],
    State.RUNNING: ["kiem_tra", "thuc_hien"],
    State.REVIEWED: ["kiem_tra", "thuc_hien", "so_ket"],
    State.EVALUATED: ["kiem_tra", "thuc_hien", "so_ket", "danh_gia"],
    State.RECOGNISED: ["kiem_tra", "thuc_hien", "so_ket", "danh_gia", "cong_nhan"],
    State.EXEMPLARY: ["kiem_tra", "thuc_hien", "so_ket", "danh_gia", "cong_nhan", "tieu_bieu"],
    State.PROPOSED: [
        "kiem_tra",
        "thuc_hien",
        "so_ket",
        "danh_gia",
        "cong_nhan",
        "tieu_bieu",
        "de_nghi_khen_thuong",
    ],
    State.REPLICATED: ["kiem_tra", "thuc_hien", "so_ket", "danh_gia", "cong_nhan", "nhan_rong"],
    State.STOPPED: ["kiem_tra", "thuc_hien", "dung"],
}
GREENS = [(34, 110, 60), (28, 96, 120), (150, 88, 30), (120, 40, 60)]


def campaign_year(today: dt.date) -> int:
    return today.year if today.month >= 3 else today.year - 1


def draw_evidence(caption: str) -> bytes:
    """A stand-in for a photo of the model at work: a street, people, the model's sign."""
    width, height = 960, 600
    digest = hashlib.sha1(caption.encode()).digest()
    base = GREENS[digest[0] % len(GREENS)]
    picture = PILImage.new("RGB", (width, height), (214, 228, 236))
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, 380, width, height], fill=(120 + digest[1] % 40, 116, 104))
    for index in range(6):  # houses along the street
        left = 20 + index * 160
        top = 170 + digest[2 + index] % 80
        draw.rectangle([left, top, left + 140, 380], fill=(200 - index * 9, 170, 140))
        draw.polygon([(left - 8, top), (left + 70, top - 50), (left + 148, top)], fill=base)
    for index in range(9):  # people
        x = 60 + index * 100 + digest[8 + index] % 30
        draw.ellipse([x, 420, x + 30, 450], fill=(60, 44, 36))
        draw.rectangle([x - 6, 450, x + 36, 520], fill=base)
    draw.rectangle([90, 40, width - 90, 150], fill=(178, 24, 30))
    _star(draw, 140, 95, 32, GOLD)
    _caption_block(draw, caption, box=(190, 50, width - 110, 140), fill=(255, 246, 222))
    draw.rectangle([0, height - 44, width, height], fill=(0, 0, 0))
    draw.text((18, height - 36), "Ảnh minh họa · dữ liệu trình diễn", font=_font(22), fill=GOLD)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


class EmulationLoader:
    def __init__(self, progress: Callable[[str], None]) -> None:
        self.progress = progress
        self.tally: Counter[tuple[str, str]] = Counter()
        users = get_user_model().objects.filter(
            username__in=["demo_reporter", "demo_leader", "demo_board"]
        )
        found = {u.username: u for u in users}
        self.reporter: Any = found.get("demo_reporter", SYSTEM)
        self.leader: Any = found.get("demo_leader", SYSTEM)
        self.board: Any = found.get("demo_board", SYSTEM)

    def run(self) -> Counter[tuple[str, str]]:
        ensure_lookups()
        self.today = clock.today()
        year = campaign_year(self.today)
        self.progress(f"Phong trào thi đua «Dân vận khéo» năm {year} của Hà Nội…")
        city = OrgUnit.objects.filter(code=spec.CITY).first()
        if city is None:
            return self.tally
        campaign = self.campaign(city, year)
        self.fields = {f.code: f for f in Field.objects.all()}
        self.levels = {lv.code: lv for lv in RecognitionLevel.objects.all()}
        for number, entry in enumerate(spec.MODELS):
            self.model(campaign, entry, number)
        return self.tally

    # --- the campaign -------------------------------------------------------------------

    def document(self, year: int, issued_on: dt.date) -> Document | None:
        board = OrgUnit.objects.filter(code=spec.CITY_BOARD).first()
        if board is None:
            return None
        d = spec.DOCUMENT
        reference = f"{d['number']}-{d['symbol']}"
        found = Document.objects.filter(
            org_unit=board, reference=reference, issued_on__year=year
        ).first()
        if found is not None:
            return found
        return document_create(
            actor=SYSTEM,
            org_unit=board,
            direction=Document.Direction.OUTGOING,
            doc_type=DocumentType.objects.filter(name=d["type"]).first(),
            number=d["number"],
            symbol=d["symbol"],
            issuer_code=d["issuer_code"],
            issuer_name=d["issuer_name"],
            issuer_unit=board,
            reference=reference,
            issued_on=issued_on,
            title=f"Phát động phong trào thi đua «Dân vận khéo» năm {year}",
            note=spec.DEMO_NOTE,
        )

    def campaign(self, city: OrgUnit, year: int) -> Campaign:
        name = f"Phong trào thi đua «Dân vận khéo» năm {year}"
        found = Campaign.objects.filter(launching_unit=city, year=year, name=name).first()
        if found is not None:
            self.tally["đợt thi đua", KEPT] += 1
            return found
        launched = dt.date(year, 1, 20)
        campaign = campaigns.campaign_create(
            actor=SYSTEM,
            name=name,
            year=year,
            launching_unit=city,
            document=self.document(year, launched),
            starts_on=dt.date(year, 1, 1),
            ends_on=dt.date(year, 12, 31),
            registration_deadline=dt.date(year, 3, 31),
            description="Mỗi phường, xã đăng ký ít nhất một mô hình «có địa chỉ» trong quý I; "
            "Ban Thường trực Ủy ban MTTQ phường, xã tổng hợp đăng ký. " + spec.DEMO_NOTE,
            levels=RecognitionLevel.objects.filter(code__in=["co-so", "tinh"]),
            criteria=spec.CRITERIA,
            milestones=[(label, dt.date(year, m, d)) for label, m, d in spec.MILESTONES],
        )
        self.tally["đợt thi đua", CREATED] += 1
        return campaign

    # --- the models ---------------------------------------------------------------------

    def _days(self, entry: dict[str, Any], number: int, year: int) -> tuple[dt.date, dt.date]:
        """Registration (January–March) and the day the model reached its state."""
        registered = min(dt.date(year, 1, 10) + dt.timedelta(days=6 * number), self.today)
        registered = min(registered, dt.date(year, 3, 31))
        end = min(self.today - dt.timedelta(days=2), dt.date(year, 12, 20))
        if entry.get("last_month"):
            last = periods.period_of(periods.MONTH, self.today).previous()
            end = min(max(last.start + dt.timedelta(days=17), registered), last.end)
        return registered, max(end, registered)

    def model(self, campaign: Campaign, entry: dict[str, Any], number: int) -> None:
        ward = OrgUnit.objects.filter(code=entry["ward"]).first()
        unit = OrgUnit.objects.filter(code=f"{entry['ward']}-MTTQ").first() or ward
        if unit is None:
            self.tally[CATEGORY, SKIPPED] += 1
            return
        lead = OrgUnit.objects.filter(code=f"{entry['ward']}-{entry['lead']}").first() or unit
        if EmulationModel.objects.filter(campaign=campaign, unit=unit, name=entry["name"]).exists():
            self.tally[CATEGORY, KEPT] += 1
            return
        demo_ward = entry["ward"] == "HN-DINHCONG"
        registrar = self.reporter if demo_ward else SYSTEM
        reviewer = self.leader if demo_ward else SYSTEM
        registered, reached = self._days(entry, number, campaign.year)
        model = services.model_register(
            actor=registrar,
            campaign=campaign,
            unit=unit,
            name=entry["name"],
            field=self.fields[entry["field"]],
            address=entry["address"],
            kind=entry.get("kind", "mo_hinh"),
            holder=entry.get("holder", "tap_the"),
            lead_unit=lead,
            registered_on=registered,
            funds=Decimal(entry["funds"]) if entry.get("funds") else None,
            socialised_funds=Decimal(entry["socialised"]) if entry.get("socialised") else None,
            workdays=entry.get("workdays"),
            rationale="Đăng ký theo kế hoạch phát động của Thành phố. " + spec.DEMO_NOTE,
            goals="Giải quyết việc cụ thể, thiết thực ở địa bàn; có sản phẩm kiểm chứng được.",
            summary=entry.get("summary", ""),
        )
        moves = PATHS[entry["state"]]
        step = (reached - registered) / (len(moves) + 1) if moves else dt.timedelta()
        for index, move in enumerate(moves, start=1):
            day = registered + step * index if index < len(moves) else reached
            self.move(model, move, day, entry, registrar=registrar, reviewer=reviewer)
        if entry.get("public"):
            services.model_publish(actor=reviewer, model=model, public=True)
        self.tally[CATEGORY, CREATED] += 1

    def move(
        self,
        model: EmulationModel,
        move: str,
        day: dt.date,
        entry: dict[str, Any],
        *,
        registrar: Any,
        reviewer: Any,
    ) -> None:
        model.refresh_from_db()
        if move == "so_ket" or (move == "dung" and not model.notes.exists()):
            noted = max(day - dt.timedelta(days=1), model.state_changed_on or day)
            caption = f"{model.name} — {model.unit.parent.name if model.unit.parent else ''}"
            services.note_add(
                actor=registrar,
                model=model,
                noted_on=noted,
                text="Duy trì đều đặn; Nhân dân tham gia đông, có hình ảnh minh chứng.",
                files=[
                    SimpleUploadedFile(
                        f"minh-hoa-{model.pk}.png", draw_evidence(model.name), "image/png"
                    )
                ],
                caption=caption[:300],
                illustration=True,
            )
            model.refresh_from_db()
        if move == "danh_gia":
            scores = {c.pk: c.max_score * Decimal("0.85") for c in model.campaign.criteria.all()}
            services.evaluation_record(
                actor=reviewer,
                model=model,
                scores=scores,
                comment="Mô hình có địa chỉ cụ thể, kết quả rõ, được Nhân dân đồng tình.",
                on=day,
            )
        elif move == "cong_nhan":
            level = self.levels[entry.get("level", "co-so")]
            actor = self.board if level.code == "tinh" else reviewer
            services.model_recognise(actor=actor, model=model, level=level, on=day)
        else:
            at_top = model.recognised_level is not None and model.recognised_level.code == "tinh"
            actor = self.board if at_top else reviewer
            note = {
                "so_ket": "Sơ kết 6 tháng: đạt các mục tiêu đề ra.",
                "dung": entry.get("stop", ""),
            }
            services.model_move(
                actor=actor, model=model, move=move, note=note.get(move, ""), on=day
            )


def load_emulation(progress: Callable[[str], None]) -> Counter[tuple[str, str]]:
    return EmulationLoader(progress).run()
