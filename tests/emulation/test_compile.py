"""The compiled report's «Dân vận khéo» paragraph lists the period's recognised models of
the subtree by name and unit, from the register ("có địa chỉ")."""

from __future__ import annotations

from danvan.access.system import SYSTEM
from danvan.drafting.compile import compile_report
from danvan.emulation.models import State
from danvan.reporting.catalog import ensure_catalog
from tests.emulation.conftest import put_in, register


def _texts(document):
    return [b.text for b in document.blocks]


def test_recognised_models_are_named_with_their_unit(cast, tree, campaign):
    ensure_catalog()
    put_in(
        register(campaign, tree.mttq_dinh_cong, name="Camera an ninh tổ dân phố số 1"),
        State.RECOGNISED,
    )
    put_in(register(campaign, tree.dai_kim, name="Vườn rau sạch"), State.EXEMPLARY)
    put_in(register(campaign, tree.buoi, name="Giữ sạch hồ Tây"), State.RECOGNISED)  # Tây Hồ
    register(campaign, tree.dai_kim, name="Chưa công nhận")
    document = compile_report(user=SYSTEM, org_unit=tree.hoang_mai, period="2026-03")
    texts = _texts(document)
    # Nothing else in section II: the register's sub-section is its first.
    assert "1. Phong trào thi đua “Dân vận khéo”" in texts
    paragraph = next(t for t in texts if "được công nhận:" in t)
    block = next(b for b in document.blocks if b.text == paragraph)
    # Traceable: the register's name and its list, filtered to the subtree and the month.
    assert block.source == "Sổ mô hình «Dân vận khéo»"
    assert block.link.startswith("/") and f"don_vi={tree.hoang_mai.pk}" in block.link
    assert "tu=2026-03-01" in block.link and "theo=cong_nhan" in block.link
    assert paragraph.startswith("Trong tháng 3/2026, 2 mô hình, điển hình “Dân vận khéo”")
    assert "“Camera an ninh tổ dân phố số 1” (Ủy ban MTTQ phường Định Công, cấp cơ sở)" in paragraph
    assert "“Vườn rau sạch” (Phường Đại Kim" in paragraph
    assert "Giữ sạch hồ Tây" not in paragraph and "Chưa công nhận" not in paragraph
    # Another month: nothing recognised, no paragraph.
    april = _texts(compile_report(user=SYSTEM, org_unit=tree.hoang_mai, period="2026-04"))
    assert not any("được công nhận:" in t for t in april)
