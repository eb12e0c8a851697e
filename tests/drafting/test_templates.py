"""Templates an administrator replaces: download one, change it in Word, upload it back
for every issuer or for one; a broken one is refused with the template error and where,
and the template in use stays in use."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.access.roles import Role
from danvan.drafting.context import MINUTES, PARTY, REPORT, STATE
from danvan.drafting.layout import default_template, render_docx
from danvan.drafting.models import DocxTemplate
from danvan.drafting.templates_store import template_upload
from danvan.lib import files
from tests.conftest import client_for
from tests.drafting.test_layout import open_docx, party_report, texts
from tests.factories import UserFactory, grant
from tests.hostile import MB, docx_bomb, peak_memory, with_macros


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def edited(kind: str = REPORT, style: str = PARTY, *, mark: str = "", old: str = "", new: str = ""):
    """The built-in template as an administrator changed it in Word: a line ``mark`` added
    at the top, and/or ``old`` replaced by ``new`` in the text of one paragraph."""
    document = docx.Document(io.BytesIO(default_template(kind, style)))
    if mark:
        document.paragraphs[0].insert_paragraph_before(mark)
    if old:
        for paragraph in _all_paragraphs(document):
            if old in paragraph.text:
                text = paragraph.text.replace(old, new)
                for run in paragraph.runs[1:]:
                    run._r.getparent().remove(run._r)
                paragraph.runs[0].text = text
                break
        else:
            raise AssertionError(f"không thấy «{old}» trong mẫu")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _all_paragraphs(document: Any) -> Any:
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    for p in document.element.body.iter(qn("w:p")):
        yield Paragraph(p, document)


def upload_of(data: bytes, name: str = "mau.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


# --- the service ------------------------------------------------------------------------------


def test_the_newest_shared_upload_is_used(cast: Any) -> None:
    template_upload(
        actor=cast.admin,
        kind=REPORT,
        style=PARTY,
        issuer=None,
        upload=upload_of(edited(mark="MẪU CHUNG THỨ NHẤT")),
    )
    assert "MẪU CHUNG THỨ NHẤT" in texts(open_docx(render_docx(party_report())))
    row = template_upload(
        actor=cast.admin,
        kind=REPORT,
        style=PARTY,
        issuer=None,
        upload=upload_of(edited(mark="MẪU CHUNG THỨ HAI"), "bao-cao-moi.docx"),
    )
    assert row.uploaded_by == cast.admin and row.original_name == "bao-cao-moi.docx"
    lines = texts(open_docx(render_docx(party_report())))
    assert "MẪU CHUNG THỨ HAI" in lines and "MẪU CHUNG THỨ NHẤT" not in lines
    assert DocxTemplate.objects.count() == 2  # every upload is kept
    # a file gone from the storage is passed over, not a failure of every report
    row.file.storage.delete(row.file.name)
    lines = texts(open_docx(render_docx(party_report())))
    assert "MẪU CHUNG THỨ NHẤT" in lines and "MẪU CHUNG THỨ HAI" not in lines


def test_an_issuers_template_is_used_only_for_that_issuer(cast: Any, tree: Any) -> None:
    template_upload(
        actor=cast.admin,
        kind=REPORT,
        style=PARTY,
        issuer=tree.bdv_hoang_mai,
        upload=upload_of(edited(mark="MẪU RIÊNG BAN DÂN VẬN HOÀNG MAI")),
    )
    own = texts(open_docx(render_docx(party_report(), issuer=tree.bdv_hoang_mai)))
    other = texts(open_docx(render_docx(party_report(), issuer=tree.tay_ho)))
    shared = texts(open_docx(render_docx(party_report())))
    assert "MẪU RIÊNG BAN DÂN VẬN HOÀNG MAI" in own
    assert "MẪU RIÊNG BAN DÂN VẬN HOÀNG MAI" not in other + shared
    # other kinds and the other style keep theirs
    minutes = party_report()
    minutes.kind = MINUTES
    assert "MẪU RIÊNG BAN DÂN VẬN HOÀNG MAI" not in texts(
        open_docx(render_docx(minutes, issuer=tree.bdv_hoang_mai))
    )


def test_a_broken_tag_is_refused_with_where_and_the_old_template_stays(cast: Any) -> None:
    template_upload(
        actor=cast.admin,
        kind=REPORT,
        style=PARTY,
        issuer=None,
        upload=upload_of(edited(mark="MẪU ĐANG DÙNG")),
    )
    broken = edited(old="{{ heading.issuer|upper }}", new="{{ heading.issuer }")
    with pytest.raises(ValidationError) as caught:
        template_upload(
            actor=cast.admin,
            kind=REPORT,
            style=PARTY,
            issuer=None,
            upload=upload_of(broken, "mau-loi.docx"),
        )
    message = caught.value.message_dict["file"][0]
    assert message.startswith("Mẫu «mau-loi.docx» bị lỗi, chưa thay mẫu đang dùng: dòng ")
    # the paragraph of the template, counted as Word shows them, quoted; jinja's words and
    # their Vietnamese reading
    assert "dòng 5 («{{ heading.issuer }»): unexpected '}'" in message
    assert "dấu «}» không đúng chỗ" in message
    assert DocxTemplate.objects.count() == 1
    assert "MẪU ĐANG DÙNG" in texts(open_docx(render_docx(party_report())))


def test_a_misspelt_name_or_a_missing_body_is_refused(cast: Any) -> None:
    misspelt = edited(old="{{ heading.place_date }}", new="{{ heading.ngay_thang }}")
    with pytest.raises(ValidationError, match="ngay_thang"):
        template_upload(
            actor=cast.admin, kind=REPORT, style=STATE, issuer=None, upload=upload_of(misspelt)
        )
    no_body = edited(old="{{p body }}", new="Nội dung")
    with pytest.raises(ValidationError, match="không có chỗ đặt nội dung"):
        template_upload(
            actor=cast.admin, kind=REPORT, style=PARTY, issuer=None, upload=upload_of(no_body)
        )
    assert not DocxTemplate.objects.exists()


def test_what_is_not_a_docx_is_refused(cast: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        template_upload(
            actor=cast.admin,
            kind=REPORT,
            style=PARTY,
            issuer=None,
            upload=upload_of(b"%PDF-1.4\n%...", "bao-cao.docx"),
        )
    assert caught.value.message_dict["file"] == [
        "Tệp «bao-cao.docx» không phải tệp Word .docx (nội dung là PDF), chưa thay mẫu đang dùng."
    ]
    with pytest.raises(ValidationError, match=r"«ghi-chu\.docx» không phải tệp Word"):
        template_upload(
            actor=cast.admin,
            kind=REPORT,
            style=PARTY,
            issuer=None,
            upload=upload_of(b"chi la van ban", "ghi-chu.docx"),
        )


def test_only_administrators_replace_templates(cast: Any, tree: Any) -> None:
    for user in (cast.board, cast.leader, cast.viewer):
        with pytest.raises(PermissionDenied):
            template_upload(
                actor=user,
                kind=REPORT,
                style=PARTY,
                issuer=tree.bdv_hoang_mai,
                upload=upload_of(edited()),
            )
    assert not DocxTemplate.objects.exists()


# --- the pages ----------------------------------------------------------------------------------


def test_the_list_shows_each_kind_and_style(cast: Any, tree: Any) -> None:
    template_upload(
        actor=cast.admin,
        kind=REPORT,
        style=PARTY,
        issuer=tree.bdv_hoang_mai,
        upload=upload_of(edited(), "mau-ban-dan-van.docx"),
    )
    for name in ("mau-chung-cu.docx", "mau-chung-moi.docx"):
        template_upload(
            actor=cast.admin,
            kind=REPORT,
            style=STATE,
            issuer=None,
            upload=upload_of(edited(REPORT, STATE), name),
        )
    page = client_for(cast.admin).get(reverse("drafting:templates"))
    assert page.status_code == 200
    html = page.content.decode()
    # three uploads in the history, two in use: the issuer's and the newer shared one
    assert "mau-chung-cu.docx" in html and html.count(">Đang dùng<") == 2
    newest = html.index("mau-chung-moi.docx</a> <span")
    assert html.index("mau-chung-cu.docx</a></td>") > newest
    for label in ("Báo cáo", "Giấy mời", "Biên bản", "Thông báo kết luận", "Mẫu mặc định"):
        assert label in html
    assert "Ban Dân vận Quận ủy Hoàng Mai" in html and "mau-ban-dan-van.docx" in html
    searched = client_for(cast.admin).get(reverse("drafting:templates"), {"q": "tay ho"})
    assert "Không có lần tải lên nào khớp" in searched.content.decode()
    found = client_for(cast.admin).get(reverse("drafting:templates"), {"q": "dan van hoang"})
    assert "mau-ban-dan-van.docx" in found.content.decode()


def test_officers_may_not_open_the_template_pages(cast: Any) -> None:
    for user in (cast.board, cast.viewer, cast.stranger):
        client = client_for(user)
        assert client.get(reverse("drafting:templates")).status_code == 403
        assert client.get(reverse("drafting:template_upload")).status_code == 403
        url = reverse("drafting:template_download", args=[REPORT, PARTY])
        assert client.get(url).status_code == 403


def test_download_the_built_in_template_to_edit_in_word(cast: Any) -> None:
    client = client_for(cast.admin)
    response = client.get(reverse("drafting:template_download", args=[REPORT, STATE]))
    assert response.status_code == 200
    assert "mau-bao-cao-nha-nuoc-mac-dinh.docx" in response["Content-Disposition"]
    data = response.content
    assert files.sniff_bytes(data) == files.DOCX
    assert "{{p body }}" in texts(open_docx(data))
    missing = reverse("drafting:template_download", args=["cong_van", STATE])
    assert client.get(missing).status_code == 404


def test_a_template_outside_the_scope_is_not_found(cast: Any, tree: Any) -> None:
    row = template_upload(
        actor=cast.admin,
        kind=REPORT,
        style=PARTY,
        issuer=tree.bdv_hoang_mai,
        upload=upload_of(edited(mark="MẪU RIÊNG")),
    )
    tay_ho_admin = UserFactory(username="quantri_tayho")
    grant(tay_ho_admin, Role.SYSTEM_ADMIN, tree.tay_ho)
    url = reverse("drafting:template_download", args=[REPORT, PARTY])
    assert client_for(tay_ho_admin).get(url, {"version": row.pk}).status_code == 404
    assert client_for(tay_ho_admin).get(url, {"issuer": tree.bdv_hoang_mai.pk}).status_code == 404
    mine = client_for(cast.admin).get(url, {"issuer": tree.bdv_hoang_mai.pk})
    assert "MẪU RIÊNG" in texts(open_docx(mine.content))
    assert "MẪU RIÊNG" not in texts(open_docx(client_for(cast.admin).get(url).content))


def test_upload_through_the_page(cast: Any, tree: Any) -> None:
    client = client_for(cast.admin)
    url = reverse("drafting:template_upload")
    form = client.get(url, {"kind": MINUTES, "style": STATE})
    assert form.status_code == 200 and "Tải lên mẫu văn bản" in form.content.decode()

    broken = edited(MINUTES, STATE, old="{{ heading.issuer|upper }}", new="{{ heading.issuer }")
    refused = client.post(
        url, {"kind": MINUTES, "style": STATE, "issuer": "", "file": upload_of(broken, "x.docx")}
    )
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Mẫu «x.docx» bị lỗi, chưa thay mẫu đang dùng" in html
    assert "unexpected &#x27;}&#x27;" in html
    assert not DocxTemplate.objects.exists()

    good = edited(MINUTES, STATE, mark="BIÊN BẢN KIỂU MỚI")
    done = client.post(
        url,
        {"kind": MINUTES, "style": STATE, "issuer": "", "file": upload_of(good, "bien-ban.docx")},
        follow=True,
    )
    assert done.redirect_chain[-1][0] == reverse("drafting:templates")
    assert "Đã thay mẫu Biên bản" in done.content.decode()
    row = DocxTemplate.objects.get()
    assert (row.kind, row.style, row.issuer, row.original_name) == (
        MINUTES,
        STATE,
        None,
        "bien-ban.docx",
    )


def test_a_zip_bomb_or_a_macro_template_is_refused_before_docxtpl_opens_it(cast: Any) -> None:
    client = client_for(cast.admin)
    url = reverse("drafting:template_upload")
    for data, name, message in (
        (docx_bomb(), "bom.docx", "Tệp «bom.docx» bị từ chối: dung lượng giải nén 360,6 MB"),
        (with_macros(edited()), "macro.docx", "Tệp «macro.docx» bị từ chối: tệp có chứa macro"),
    ):
        with peak_memory() as peak:
            refused = client.post(
                url, {"kind": REPORT, "style": PARTY, "issuer": "", "file": upload_of(data, name)}
            )
        assert refused.status_code == 200
        assert message in refused.content.decode()
        assert peak[0] < 64 * MB
    assert not DocxTemplate.objects.exists()
