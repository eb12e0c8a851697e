"""Demo welfare register (issue 16 §3, §7), as records.

- History, seed 002: Thành phố Tam Điệp, «tiếp nhận và chuyển 9.081 suất quà với tổng số
  tiền 2.811,7 triệu đồng» in the six months of 2021. One campaign, «Tết Nguyên đán Tân Sửu
  2021», run by the city's Front with the organisations of its 9 xã, phường; each ward's
  gifts add up to its row of ``reporting_data.TAM_DIEP_2021H1`` (Bắc Sơn 1.412 suất, 437,2
  triệu…), one household a gift (9.081 invented households, 300.000 đ in kind, some
  500.000 đ in cash), by category (hộ nghèo 3.120 suất…), given by the ward's Front and
  organisations; the campaign was published. Written before the 2021H1 reports are sent
  (their QUA_SUAT, QUA_GIA_TRI are counted from these records) and in bulk: 9.081
  households and gifts through the services would take minutes (the campaign, its moves
  and contributions do go through them; the bulk rows carry no audit entry).
- Today, dated from ``clock.today()``: Phường Định Công, one campaign in each state: one
  ended (a small support round seven to ten weeks ago), one running (Tết if the load is in
  the months before Tết, «Vì người nghèo» otherwise) with contributions and gifts from the
  ward's Front, women's union and Red Cross — one household received from both the Front
  and the Red Cross and is flagged —, one planned. The ward keeps the register from the
  first one's start (``RegisterUse``), so its monthly figures are counted from it.

Households are invented: each record's note says so. Safe to run twice: a campaign that
exists (by unit and name) is left as it is.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from danvan.access.system import SYSTEM
from danvan.core import clock
from danvan.demo.petitions_loader import _name
from danvan.demo.reporting_data import TAM_DIEP, TAM_DIEP_2021H1
from danvan.lib.text import fold
from danvan.org.models import OrgUnit
from danvan.reporting.models import RegisterUse
from danvan.welfare import services
from danvan.welfare.duplicates import household_key
from danvan.welfare.figures import USE
from danvan.welfare.models import Beneficiary, Campaign, Category, Gift, GiftForm

DEMO = "Dữ liệu trình diễn: hộ, người nhận là nhân vật hư cấu."
TALLY = "an sinh xã hội"
CREATED, KEPT = "tạo mới", "giữ nguyên"
TAM_DIEP_WINDOW = (dt.date(2021, 1, 1), dt.date(2021, 6, 30))
TD_CAMPAIGN = "Tết Nguyên đán Tân Sửu 2021"
TD_DATES = (dt.date(2021, 1, 4), dt.date(2021, 2, 25))
TD_ENDED, TD_PUBLISHED = dt.date(2021, 2, 26), dt.date(2021, 3, 5)
# Suất by category over the city: 9.081 in all («hộ nghèo 3.120 suất»).
TD_CATEGORIES: dict[str, int] = {
    Category.POOR: 3120,
    Category.NEAR_POOR: 2050,
    Category.POLICY: 1380,
    Category.MERIT: 640,
    Category.ELDERLY: 1120,
    Category.CHILDREN: 431,
    Category.DISABLED: 340,
}
BASE, CASH, STEP = Decimal(300_000), Decimal(500_000), Decimal(100_000)
# The ward bodies that give, the Front twice as often as each organisation.
TD_GIVERS = ("MTTQ", "MTTQ", "LHPN", "CTD", "CCB", "NCT", "DTN", "HND")
WARD = "HN-DINHCONG"
BATCH = 2000


def _use(unit: OrgUnit, since: dt.date, until: dt.date | None, note: str) -> str:
    _row, created = RegisterUse.objects.get_or_create(
        register=USE, org_unit=unit, defaults={"since": since, "until": until, "note": note}
    )
    return CREATED if created else KEPT


def spread(counts: dict[str, int]) -> list[str]:
    """Each category spread evenly over the list (the same list every load)."""
    slots = [((j + 0.5) / n, code) for code, n in counts.items() for j in range(n)]
    return [code for _, code in sorted(slots)]


def ward_values(count: int, total: Decimal) -> list[Decimal]:
    """``count`` gift values of 300.000 or 500.000 đồng (one 400.000 if need be) adding up
    to ``total`` exactly."""
    extra = total - BASE * count
    cash, rest = divmod(extra, CASH - BASE)
    if extra < 0 or cash + (1 if rest else 0) > count:
        raise ValueError(f"Không chia được {total} đồng thành {count} suất.")
    values = [CASH] * int(cash) + ([BASE + rest] if rest else [])
    return values + [BASE] * (count - len(values))


# --- Tam Điệp, Tết Tân Sửu 2021 ----------------------------------------------------------


def _td_wards() -> list[tuple[OrgUnit, dict[str, Any], list[OrgUnit]]]:
    codes = sorted(TAM_DIEP_2021H1)
    wards = {u.code: u for u in OrgUnit.all_objects.filter(code__in=codes)}
    bodies: dict[str, OrgUnit] = {
        u.code: u
        for u in OrgUnit.all_objects.filter(
            code__in=[f"{c}-{s}" for c in codes for s in set(TD_GIVERS)]
        )
    }
    found = []
    for code in codes:
        givers = [bodies[f"{code}-{s}"] for s in TD_GIVERS if f"{code}-{s}" in bodies]
        found.append((wards[code], TAM_DIEP_2021H1[code], givers))
    return found


def _td_contributions(campaign: Campaign, ward: OrgUnit, front: OrgUnit, value: Decimal) -> None:
    """What the ward's Front received: a little more than it gave."""
    cash = (value * Decimal("1.05") / STEP).quantize(Decimal(1)) * STEP
    donors = [
        ("Các doanh nghiệp trên địa bàn", cash * 5 / 10, "", 0, dt.date(2021, 1, 8)),
        (
            "Cán bộ, công chức, viên chức, người lao động",
            cash * 3 / 10,
            "",
            0,
            dt.date(2021, 1, 12),
        ),
        (
            "Nhân dân và các nhà hảo tâm",
            cash * 2 / 10,
            "Gạo, bánh chưng",
            STEP * 50,
            dt.date(2021, 1, 18),
        ),
    ]
    for donor, amount, goods, goods_value, on in donors:
        services.contribution_add(
            actor=SYSTEM,
            campaign=campaign,
            received_by=front,
            donor_name=f"{donor} ({ward.name})",
            received_on=on,
            cash=(amount / STEP).quantize(Decimal(1)) * STEP,
            in_kind=goods,
            in_kind_value=goods_value,
        )


def load_tam_diep(progress: Callable[[str], None]) -> Counter[tuple[str, str]]:
    """Before the 2021H1 reports are sent (their gift figures are counted from this)."""
    tally: Counter[tuple[str, str]] = Counter()
    progress("An sinh: Tam Điệp, Tết Tân Sửu 2021 (9.081 suất, 2.811,7 triệu đồng)…")
    tam_diep = OrgUnit.all_objects.get(code=TAM_DIEP)
    note = "Dữ liệu trình diễn: sổ an sinh 6 tháng đầu năm 2021 (bài viết 002)."
    tally[TALLY, _use(tam_diep, *TAM_DIEP_WINDOW, note)] += 1
    city_front = OrgUnit.all_objects.get(code=f"{TAM_DIEP}-MTTQ")
    if Campaign.all_objects.filter(org_unit=city_front, name=TD_CAMPAIGN).exists():
        tally[TALLY, KEPT] += 1
        return tally
    wards = _td_wards()
    campaign = services.campaign_create(
        actor=SYSTEM,
        org_unit=city_front,
        name=TD_CAMPAIGN,
        kind="tet",
        starts_on=TD_DATES[0],
        ends_on=TD_DATES[1],
        participants=[g for _, _, givers in wards for g in dict.fromkeys(givers)],
        note="Vận động, tiếp nhận và trao quà Tết cho hộ nghèo, cận nghèo, gia đình chính "
        f"sách, người có công, người cao tuổi… {DEMO}",
    )
    services.campaign_move(actor=SYSTEM, campaign=campaign, to="dang_trien_khai", on=TD_DATES[0])
    categories = spread(TD_CATEGORIES)
    index = 0
    for number, (ward, row, givers) in enumerate(wards):
        count = int(row["QUA_SUAT"])
        total = Decimal(str(row["QUA_GIA_TRI"])) * 1_000_000
        _td_contributions(campaign, ward, givers[0], total)
        people, gifts = [], []
        for n, value in enumerate(ward_values(count, total)):
            category = categories[index]
            index += 1
            head = _name(number * 7919 + n * 31 + 17)
            address = f"Số {n % 97 + 1}, tổ {n // 97 + 1}, {ward.name}, thành phố Tam Điệp"
            people.append(
                Beneficiary(
                    org_unit=ward,
                    head_name=head,
                    name_folded=fold(head),
                    address=address,
                    household_key=household_key(head, address),
                    category=category,
                    note=DEMO,
                )
            )
            cash = value > BASE
            gifts.append(
                (
                    givers[n % len(givers)],
                    value,
                    GiftForm.CASH if cash else GiftForm.IN_KIND,
                    "Tiền mặt" if cash else "Quà Tết: gạo, bánh chưng, dầu ăn",
                    TD_DATES[0] + dt.timedelta(days=10 + (n * 7 + number) % 27),
                    category,
                )
            )
        Beneficiary.objects.bulk_create(people, batch_size=BATCH)
        Gift.objects.bulk_create(
            [
                Gift(
                    campaign=campaign,
                    beneficiary=person,
                    giver=giver,
                    given_on=on,
                    portions=1,
                    value=value,
                    form=form,
                    description=what,
                    category=category,
                    household_key=person.household_key,
                )
                for person, (giver, value, form, what, on, category) in zip(
                    people, gifts, strict=True
                )
            ],
            batch_size=BATCH,
        )
    services.campaign_move(actor=SYSTEM, campaign=campaign, to="da_ket_thuc", on=TD_ENDED)
    services.campaign_move(actor=SYSTEM, campaign=campaign, to="da_cong_khai", on=TD_PUBLISHED)
    tally[TALLY, CREATED] += 1
    return tally


# --- Phường Định Công, today -------------------------------------------------------------

_STEMS = ["Canh", "Tân", "Nhâm", "Quý", "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ"]
_BRANCHES = ["Thân", "Dậu", "Tuất", "Hợi", "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi"]


def lunar_year(year: int) -> str:
    """2021 → «Tân Sửu», 2027 → «Đinh Mùi»."""
    return f"{_STEMS[year % 10]} {_BRANCHES[year % 12]}"


def running_campaign(today: dt.date) -> tuple[str, str]:
    """The campaign under way on ``today``: Tết from November to February, else «Vì người
    nghèo»."""
    if today.month >= 11 or today.month <= 2:
        year = today.year + 1 if today.month >= 11 else today.year
        return f"Tết Nguyên đán {lunar_year(year)} {year}", "tet"
    return f"Tháng cao điểm «Vì người nghèo» năm {today.year}", "vi_nguoi_ngheo"


# (name, address, category, area index): the ward's households of the demo.
DC_HOUSEHOLDS = [
    ("Nguyễn Văn Hùng", "Số 12 ngõ 5 Định Công Thượng", Category.POOR, 0),
    ("Trần Thị Lan", "Số 7 ngõ 118 Định Công", Category.NEAR_POOR, 0),
    ("Lê Văn Thành", "Số 21 ngõ 25 Định Công Hạ", Category.MERIT, 1),
    ("Phạm Thị Hoa", "Số 3 ngõ 40 Định Công Thượng", Category.ELDERLY, 1),
    ("Hoàng Văn Minh", "Số 15 ngõ 2 Kim Giang", Category.POLICY, 2),
    ("Vũ Thị Thu", "Số 9 ngõ 77 Định Công", Category.DISABLED, 2),
    ("Đặng Văn Long", "Số 30 ngõ 8 Định Công Hạ", Category.POOR, 3),
    ("Bùi Thị Mai", "Số 4 ngõ 61 Định Công Thượng", Category.CHILDREN, 3),
]


def _dc_campaign(
    front: OrgUnit, name: str, kind: str, start: dt.date, end: dt.date, partners: list[OrgUnit]
) -> Campaign:
    return services.campaign_create(
        actor=SYSTEM,
        org_unit=front,
        name=name,
        kind=kind,
        starts_on=start,
        ends_on=end,
        participants=partners,
        note=DEMO,
    )


def load_current(progress: Callable[[str], None]) -> Counter[tuple[str, str]]:
    tally: Counter[tuple[str, str]] = Counter()
    progress("An sinh: phường Định Công, theo ngày hôm nay…")
    today = clock.today()
    ward = OrgUnit.objects.get(code=WARD)
    front = OrgUnit.objects.get(code=f"{WARD}-MTTQ")
    if Campaign.all_objects.filter(org_unit=front).exists():
        tally[TALLY, KEPT] += 1
        return tally
    women = OrgUnit.objects.get(code=f"{WARD}-MTTQ-LHPN")
    red_cross = OrgUnit.objects.get(code=f"{WARD}-MTTQ-CTD")
    first = today - dt.timedelta(days=70)
    note = "Dữ liệu trình diễn: phường giữ sổ an sinh từ đợt hỗ trợ đầu tiên."
    tally[TALLY, _use(ward, first, None, note)] += 1
    areas = list(OrgUnit.objects.filter(parent=ward, level__code="khu-dan-cu").order_by("name"))
    people = [
        services.beneficiary_create(
            actor=SYSTEM,
            org_unit=ward,
            head_name=name,
            address=f"{address}, phường Định Công",
            category=category,
            area=areas[area % len(areas)] if areas else None,
            note=DEMO,
        )
        for name, address, category, area in DC_HOUSEHOLDS
    ]
    # Ended: a small support round seven to ten weeks ago, by the Front.
    ended = _dc_campaign(
        front,
        "Hỗ trợ hộ nghèo, hộ cận nghèo có hoàn cảnh khó khăn",
        "vi_nguoi_ngheo",
        first,
        today - dt.timedelta(days=45),
        [],
    )
    services.campaign_move(actor=SYSTEM, campaign=ended, to="dang_trien_khai", on=first)
    for n, person in enumerate(people[:4]):
        services.gift_create(
            actor=SYSTEM,
            campaign=ended,
            beneficiary=person,
            giver=front,
            given_on=first + dt.timedelta(days=5 + n),
            value=1_000_000,
            form="tien_mat",
            description="Hỗ trợ tiền mặt từ Quỹ «Vì người nghèo» phường",
        )
    services.campaign_move(
        actor=SYSTEM, campaign=ended, to="da_ket_thuc", on=today - dt.timedelta(days=44)
    )
    # Running: contributions and gifts from the Front, the women's union and the Red Cross.
    name, kind = running_campaign(today)
    start = today - dt.timedelta(days=21)
    running = _dc_campaign(
        front, name, kind, start, today + dt.timedelta(days=30), [women, red_cross]
    )
    services.campaign_move(actor=SYSTEM, campaign=running, to="dang_trien_khai", on=start)
    for donor, cash, goods, goods_value, by, day in [
        ("Công ty TNHH Xây dựng Hưng Thịnh (hư cấu)", 20_000_000, "", 0, front, 1),
        ("Cán bộ, hội viên phụ nữ phường", 6_500_000, "", 0, women, 3),
        ("Nhà hảo tâm khu đô thị Định Công", 0, "200 kg gạo, 50 thùng mì", 4_500_000, red_cross, 4),
    ]:
        services.contribution_add(
            actor=SYSTEM,
            campaign=running,
            received_by=by,
            donor_name=donor,
            received_on=start + dt.timedelta(days=day),
            cash=cash,
            in_kind=goods,
            in_kind_value=goods_value,
        )
    plan = [
        (front, 0, 1_000_000, "tien_mat"),
        (front, 1, 1_000_000, "tien_mat"),
        (front, 4, 1_000_000, "tien_mat"),
        (women, 3, 500_000, "hien_vat"),
        (women, 7, 500_000, "hien_vat"),
        (red_cross, 5, 700_000, "hien_vat"),
        (red_cross, 6, 700_000, "hien_vat"),
        # The same household as the Front's first gift: flagged as a duplicate.
        (red_cross, 0, 700_000, "hien_vat"),
    ]
    for n, (giver, who, value, form) in enumerate(plan):
        services.gift_create(
            actor=SYSTEM,
            campaign=running,
            beneficiary=people[who],
            giver=giver,
            given_on=start + dt.timedelta(days=min(6 + n * 2, 21)),
            value=value,
            form=form,
            description="Quà: gạo, dầu ăn, bánh kẹo" if form == "hien_vat" else "Tiền mặt",
        )
    # Planned: the next round, not yet started.
    _dc_campaign(
        front,
        "Hỗ trợ khắc phục hậu quả thiên tai (dự kiến)",
        "thien_tai",
        today + dt.timedelta(days=40),
        today + dt.timedelta(days=70),
        [women, red_cross],
    )
    tally[TALLY, CREATED] += 3
    return tally
