"""The unit picker (issue 12 §4): a page holds only the chosen unit, the browser asks
for the rest by name without marks, inside the field's own queryset and the asker's scope."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.urls import reverse

from danvan.org.autocomplete import INLINE_LIMIT, sign_queryset
from danvan.org.forms import UnitChoiceField
from danvan.org.models import OrgUnit
from tests.conftest import client_for
from tests.factories import OrgUnitFactory


def _token(page: str, name: str) -> str:
    select = re.search(rf'<select name="{name}"[^>]*>', page)
    assert select, name
    return re.search(r'data-token="([^"]+)"', select.group(0)).group(1)


def suggest(user: Any, token: str, q: str) -> Any:
    return client_for(user).post(reverse("org:suggest"), {"token": token, "q": q})


def test_the_create_form_holds_no_long_list_and_suggests_by_name(cast: Any, tree: Any) -> None:
    for n in range(INLINE_LIMIT):
        OrgUnitFactory(name=f"Tổ dân phố số {n}", code=f"HN-HM-TDP{n}", parent=tree.dinh_cong)
    page = client_for(cast.board).get(reverse("org:create")).content.decode()
    select = re.search(r'<select name="parent".*?</select>', page, re.S).group(0)
    assert "Tổ dân phố số 7" not in select  # not rendered: asked for
    answer = suggest(cast.board, _token(page, "parent"), "dinh cong").json()["results"]
    assert answer[0]["label"] == "Phường Định Công — Quận Hoàng Mai"
    assert all("Bưởi" not in r["label"] for r in answer)


def test_a_short_list_is_rendered_whole_and_closed_units_come_last(cast: Any, tree: Any) -> None:
    OrgUnit.objects.filter(pk=tree.dai_kim.pk).update(valid_to=dt.date(2020, 1, 1))
    field = UnitChoiceField(queryset=OrgUnit.objects.filter(parent=tree.hoang_mai))
    html = field.widget.render("unit", None)
    assert "Phường Định Công — Quận Hoàng Mai" in html
    assert "Phường Đại Kim — Quận Hoàng Mai (đã ngừng hoạt động)" in html
    token = sign_queryset(OrgUnit.objects.filter(parent=tree.hoang_mai))
    labels = [r["label"] for r in suggest(cast.admin, token, "").json()["results"]]
    assert labels[-1].endswith("(đã ngừng hoạt động)")


def test_a_token_reveals_nothing_outside_the_askers_scope(cast: Any, tree: Any) -> None:
    token = sign_queryset(OrgUnit.objects.all())
    assert suggest(cast.admin, token, "buoi").json()["results"]
    assert suggest(cast.board, token, "buoi").json()["results"] == []  # Tây Hồ: not theirs


def test_an_altered_token_or_a_nul_is_a_400_in_vietnamese(cast: Any, tree: Any) -> None:
    token = sign_queryset(OrgUnit.objects.all())
    bad = suggest(cast.board, token[:-2] + "xx", "a")
    assert bad.status_code == 400 and "tải lại trang" in bad.json()["detail"]
    assert suggest(cast.board, token, "a\x00").status_code == 400
    assert client_for(cast.board).get(reverse("org:suggest")).status_code == 405


def test_a_chosen_unit_outside_the_queryset_is_still_refused(cast: Any, tree: Any) -> None:
    field = UnitChoiceField(queryset=OrgUnit.objects.filter(parent=tree.hoang_mai))
    assert field.clean(str(tree.dinh_cong.pk)) == tree.dinh_cong
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        field.clean(str(tree.buoi.pk))
