import re

from fanzha.core.navigation import NAV
from fanzha.core.testing import expect_matrix


def test_home_needs_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_home_matrix_and_scope_counts(page_as):
    def check(name):
        response = page_as(name).get("/")
        if response.status_code != 200:
            return response.status_code
        match = re.search(r'<div class="n">(\d+)</div><div class="l">辖区派出所', response.content.decode())
        return int(match.group(1)) if match else None

    expect_matrix(
        check,
        {
            "station_a": 1,
            "station_b": 1,
            "district": 2,
            "city_admin": 3,
            "bank_x": None,
            "carrier": None,
            "outsider": 403,
        },
    )


def test_home_is_in_chinese_with_a_navigation_entry_per_domain(page_as):
    body = page_as("city_admin").get("/").content.decode()
    assert '<html lang="zh-CN">' in body
    for entry in NAV:
        assert entry.label in body


def test_navigation_hides_entries_the_role_cannot_use(page_as):
    body = page_as("bank_x").get("/").content.decode()
    assert "系统管理" not in body and "通信分析" not in body


def test_unit_admin_pages_matrix(page_as):
    expect_matrix(
        lambda name: page_as(name).get("/admin/units/").status_code,
        {
            "station_a": 403,
            "station_b": 403,
            "district": 403,
            "city_admin": 200,
            "bank_x": 403,
            "carrier": 403,
            "outsider": 403,
        },
    )


def test_unit_form_shows_field_errors_in_chinese(page_as):
    response = page_as("city_admin").post(
        "/admin/units/new/", {"code": "坏 代码", "name": "", "kind": "station"}
    )
    body = response.content.decode()
    assert "只能包含字母、数字" in body
    assert "这个字段是必填项" in body


def test_placeholder_modules_render(page_as):
    response = page_as("station_a").get("/m/cases/")
    assert response.status_code == 200
    assert "尚未启用" in response.content.decode()
    assert page_as("station_a").get("/m/nope/").status_code == 404


def test_static_files_are_served_by_the_app(client, db):
    response = client.get("/static/vendor/htmx-2.0.8/htmx.min.js")
    assert response.status_code == 200
