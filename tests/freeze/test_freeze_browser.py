from datetime import timedelta

import pytest
from django.utils import timezone

from fanzha.cases.testing import bank_card, resident_id
from fanzha.core.testing import PASSWORD

pytestmark = pytest.mark.browser
FMT = "%Y-%m-%dT%H:%M"


@pytest.fixture
def users(transactional_db):
    from fanzha.core.testing import build_personas

    return build_personas()


def _login(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="工作台").wait_for()


def _logout(page):
    page.get_by_role("button", name="退出").click()
    page.wait_for_url("**/accounts/login/")


def _intake(page):
    now = timezone.localtime()
    page.goto("/cases/new/")
    page.fill("#id_victim_name", "钱多多")
    page.fill("#id_victim_id_number", resident_id())
    page.select_option("#id_victim_community", label="甲一社区")
    page.fill("#id_incident_at", (now - timedelta(hours=3)).strftime(FMT))
    page.select_option("#id_contact_channel", "call")
    page.fill("#id_narrative", "对方冒充公安局民警，称我涉嫌洗钱，要求把钱转到安全账户。")
    page.get_by_text("系统建议").wait_for()
    page.get_by_role("button", name="采用建议").click()
    page.fill("#id_payments-0-paid_at", (now - timedelta(hours=2)).strftime(FMT))
    page.fill("#id_payments-0-amount_yuan", "20000")
    page.select_option("#id_payments-0-channel", "bank_transfer")
    page.fill("#id_payments-0-to_account", bank_card())
    page.select_option("#id_payments-0-to_bank", label="X银行")
    page.get_by_role("button", name="受理", exact=True).click()
    page.get_by_text("已受理").wait_for()


def test_intake_stop_payment_bank_answers_case_shows_stopped_amount(users, browser_page):
    page = browser_page
    _login(page, "station_a")
    _intake(page)
    case_url = page.url
    assert page.locator("#stopped-total").inner_text() == "0.00"
    page.get_by_role("button", name="发起止付").click()
    page.get_by_text("已向X银行发起止付请求").wait_for()
    _logout(page)

    _login(page, "bank_x")
    page.goto("/freeze/")
    page.get_by_role("heading", name="发往本行的止付冻结请求").wait_for()
    page.get_by_role("link", name="处理").click()
    page.select_option("#id_result", "stopped")
    page.fill("#id_amount_yuan", "18000")
    page.get_by_role("button", name="提交答复").click()
    page.get_by_text("已答复：已止付").wait_for()
    _logout(page)

    _login(page, "station_a")
    page.goto(case_url)
    assert page.locator("#stopped-total").inner_text() == "18000.00"
    assert "请求→止付成功" in page.content()
