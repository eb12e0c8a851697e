"""Awards of the conftest tree. Quận Hoàng Mai (a district, level "huyen") gave Giấy khen
in 2019; its powers ended on 30/6/2025. Phường Định Công (a ward) gives them today."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.access.system import SYSTEM
from danvan.awards import services
from danvan.awards.catalogue import catalogue_ensure
from danvan.awards.models import AwardDecision, AwardForm
from tests.browser.conftest import browser as browser  # the fixture, for test_browser
from tests.factories import OrganisationKindFactory

DAY_2019 = dt.date(2019, 12, 20)
DAY_2026 = dt.date(2026, 3, 2)


@pytest.fixture
def catalogue(tree: Any) -> dict[str, AwardForm]:
    """The forms and their authorities for the tree's levels (the migration wrote the forms
    before any level existed). The government and party-committee kinds are the demo's."""
    OrganisationKindFactory(code="chinh-quyen", name="Chính quyền (UBND)", short_name="UBND")
    OrganisationKindFactory(code="cap-uy", name="Cấp ủy Đảng", short_name="Cấp ủy")
    catalogue_ensure()
    return {form.code: form for form in AwardForm.objects.all()}


@pytest.fixture
def giay_khen(catalogue: dict[str, AwardForm]) -> AwardForm:
    return catalogue["giay-khen"]


@pytest.fixture
def decision_2019(tree: Any, giay_khen: AwardForm) -> AwardDecision:
    """Giấy khen of Quận Hoàng Mai, 20/12/2019."""
    return services.decision_create(
        actor=SYSTEM,
        issuer=tree.hoang_mai,
        form=giay_khen,
        decided_on=DAY_2019,
        reason="Đã có thành tích xuất sắc trong công tác dân vận năm 2019",
        signer_name="Nguyễn Văn Khen",
        proposed_by=tree.bdv_hoang_mai,
        proposed_on=dt.date(2019, 12, 10),
        council_opinion="Hội đồng nhất trí đề nghị khen thưởng.",
        council_on=dt.date(2019, 12, 15),
    )


@pytest.fixture
def ward_decision(tree: Any, giay_khen: AwardForm) -> AwardDecision:
    """Giấy khen of Phường Định Công, 02/03/2026."""
    return services.decision_create(
        actor=SYSTEM,
        issuer=tree.dinh_cong,
        form=giay_khen,
        decided_on=DAY_2026,
        reason="Đã có thành tích trong phong trào thi đua “Dân vận khéo” năm 2025",
    )


@pytest.fixture
def tong_ket(tree: Any) -> Any:
    """Quận Hoàng Mai's tổng kết of 2019, held 13/01/2020 (after the decision)."""
    from zoneinfo import ZoneInfo

    from danvan.meetings.models import MeetingKind
    from danvan.meetings.services import meeting_create

    return meeting_create(
        actor=SYSTEM,
        title="Hội nghị tổng kết công tác dân vận năm 2019",
        kind=MeetingKind.objects.get(code="tong-ket"),
        org_unit=tree.hoang_mai,
        starts_at=dt.datetime(2020, 1, 13, 14, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        period_code="2019",
    )


@pytest.fixture
def quan_uy(tree: Any, catalogue: Any) -> Any:
    """Quận ủy Hoàng Mai (a party committee at the district level): Party-style decisions."""
    from danvan.org.models import OrganisationKind
    from tests.factories import OrgUnitFactory, UnitKindFactory

    return OrgUnitFactory(
        name="Quận ủy Hoàng Mai",
        code="HN-HM-CU",
        parent=tree.hoang_mai,
        level=tree.hoang_mai.level,
        kind=UnitKindFactory(code="co-quan", name="Cơ quan, tổ chức", is_place=False),
        organisation_kind=OrganisationKind.objects.get(code="cap-uy"),
    )
