from urllib.parse import urlparse

import pytest

from fanzha.core.testing import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def users(transactional_db):
    from fanzha.core.testing import build_personas

    return build_personas()


def test_station_officer_logs_in_sees_chinese_home_and_logs_out(users, browser_page):
    page = browser_page
    page.goto("/")
    assert "/accounts/login/" in page.url
    page.get_by_label("用户名").fill("station_a")
    page.get_by_label("密码").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="工作台").wait_for()
    assert urlparse(page.url).path == "/"
    assert "甲派出所" in page.locator("header").inner_text()
    assert page.get_by_role("navigation", name="主导航").get_by_text("案件").is_visible()
    page.get_by_role("button", name="退出").click()
    page.wait_for_url("**/accounts/login/")
    assert page.get_by_text("您已安全退出").is_visible()


def test_a_wrong_password_shows_the_error(users, browser_page):
    page = browser_page
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill("station_a")
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录").click()
    assert page.locator("#login-error").inner_text() == "用户名或密码错误"
