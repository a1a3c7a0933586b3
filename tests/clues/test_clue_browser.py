"""The main flow in a real browser: city creates and dispatches, district forwards, station feeds back."""

import pytest

from fanzha.core.testing import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def users(transactional_db):
    from fanzha.core.testing import build_personas

    return build_personas()


def _login(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="工作台").wait_for()


def test_a_clue_goes_down_to_the_station_and_its_feedback_comes_back(users, browser_page):
    page = browser_page
    _login(page, "city_admin")
    page.goto("/clues/new/")
    page.get_by_label("标题").fill("部推：冒充客服退款")
    page.get_by_label("线索内容").fill("受害人接到自称客服电话 13812345678，被要求转账。")
    page.get_by_label("诈骗类型").select_option("impersonate_cs")
    page.get_by_label("涉案标识").fill("电话号码:13812345678")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("heading", name="流转记录").wait_for()
    clue_url = page.url
    page.get_by_label("下发至").select_option("T-D1")
    page.get_by_role("button", name="下发", exact=True).click()
    page.get_by_text("线索已下发").wait_for()

    _login(page, "district")
    page.goto("/clues/inbox/")
    page.get_by_role("link", name="部推：冒充客服退款").click()
    page.get_by_label("下发至").select_option("T-D1-SA")
    page.get_by_role("button", name="下发", exact=True).click()
    page.get_by_text("线索已下发").wait_for()

    _login(page, "station_a")
    page.goto(clue_url)
    page.get_by_role("button", name="签收").click()
    page.get_by_text("已签收", exact=True).wait_for()
    page.get_by_label("反馈结果").select_option("confirmed")
    page.get_by_label("反馈内容").fill("经核查，号码为诈骗号码，已上报关停。")
    page.get_by_role("button", name="提交反馈").click()
    page.get_by_text("已反馈", exact=True).first.wait_for()

    _login(page, "city_admin")
    page.goto(clue_url)
    timeline = page.locator("#timeline").inner_text()
    assert "测试市反诈中心 → 测试一分局" in timeline
    assert "测试一分局 → 甲派出所" in timeline
    assert "按时完成" in timeline
    assert "查实" in page.locator("main").inner_text()
