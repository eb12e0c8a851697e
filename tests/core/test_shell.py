from __future__ import annotations

import datetime as dt

from django.template import Context, Template
from django.utils import translation

from danvan.access.roles import Role
from tests.conftest import client_for
from tests.factories import UserFactory, grant


def test_anonymous_is_sent_to_login(client, db):
    response = client.get("/quan-ly/")
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/")


def test_root_is_the_public_portal(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "Tin tức – sự kiện" in response.content.decode()


def test_home_shows_roles_and_only_reachable_modules(tree, cast):
    page = client_for(cast.reporter).get("/quan-ly/").content.decode()
    assert "Cán bộ nhập liệu đơn vị" in page and "Phường Định Công" in page
    assert 'href="/quan-ly/don-vi/"' in page
    assert 'href="/quan-ly/nhat-ky/"' not in page  # audit is for administrators
    editor_page = client_for(cast.editor).get("/quan-ly/").content.decode()
    assert 'href="/quan-ly/don-vi/"' not in editor_page


def test_pages_are_vietnamese_and_switch_to_english(tree, cast):
    client = client_for(cast.board)
    assert (
        "Đơn vị trực thuộc" in client.get(f"/quan-ly/don-vi/{tree.hoang_mai.pk}/").content.decode()
    )
    client.post("/i18n/setlang/", {"language": "en", "next": "/quan-ly/"})
    english = client.get(f"/quan-ly/don-vi/{tree.hoang_mai.pk}/").content.decode()
    assert '<html lang="en">' in english and "Subordinate units" in english
    assert "Quận Hoàng Mai" in english  # data stays as written


def test_dates_and_numbers_follow_vietnamese_conventions(db):
    template = Template(
        "{% load vn humanize %}{{ d|date:'SHORT_DATE_FORMAT' }} {{ n|vn_number }} "
        "{{ r|vn_percent }} {{ big|intcomma }} {{ pk }}"
    )
    context = {"d": dt.date(2023, 2, 23), "n": 2811.7, "r": 99.95, "big": 9081, "pk": 1234}
    with translation.override("vi"):
        rendered = template.render(Context(context))
    # Ids stay ungrouped: they go into URLs and form values.
    assert rendered == "23/02/2023 2.811,7 99,95% 9.081 1234"


def test_static_assets_are_vendored_not_cdn(tree, db):
    user = UserFactory(username="v")
    grant(user, Role.VIEWER, tree.hoang_mai)
    page = client_for(user).get("/quan-ly/").content.decode()
    assert "/static/vendor/htmx-2.0.11.min.js" in page
    assert "https://" not in page.split("<body")[0]


def test_vietnamese_even_for_an_english_browser(tree, cast):
    client = client_for(cast.board)
    page = client.get("/quan-ly/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in page and "Xin chào" in page


def test_home_has_no_coming_soon_card(tree, cast):
    """Issue 12 §7: the home page promised modules with a stale "Sắp có" card."""
    for user in (cast.admin, cast.board, cast.leader, cast.reporter, cast.editor, cast.stranger):
        page = client_for(user).get("/quan-ly/").content.decode()
        assert "Sắp có" not in page and "sắp có" not in page.lower(), user.username
