import pytest

from fanzha.core.errors import Conflict, DomainError, Forbidden
from fanzha.core.testing import expect_matrix
from fanzha.freeze import services as freeze


@pytest.fixture
def carrier_cm(personas):
    unit = personas.unit("T-CAR")
    unit.name = "中国移动测试分公司"
    unit.save()
    return unit


def test_a_phone_goes_to_the_carrier_that_owns_the_segment(personas, make_case, carrier_cm):
    req = freeze.request_shutdown(personas["station_a"], make_case(), "phone", "138 0013 8000")
    assert req.addressed_to == carrier_cm and req.target == "13800138000"


def test_a_phone_of_a_carrier_without_a_unit_is_a_clear_error(personas, make_case, carrier_cm):
    with pytest.raises(DomainError) as caught:
        freeze.request_shutdown(personas["station_a"], make_case(), "phone", "18912345678")
    assert "中国电信" in caught.value.message


def test_urls_and_domains_go_to_the_city_center_block_list(personas, make_case):
    req = freeze.request_shutdown(
        personas["station_a"], make_case(), "url", "http://fake-bank.example.cn/login"
    )
    assert req.addressed_to.code == "T-CITY"
    with pytest.raises(Conflict):
        freeze.request_shutdown(personas["station_a"], req.case, "url", "http://fake-bank.example.cn/login")


def test_a_bad_target_is_a_field_error(personas, make_case):
    with pytest.raises(DomainError) as caught:
        freeze.request_shutdown(personas["station_a"], make_case(), "phone", "12")
    assert "target" in caught.value.fields


def test_the_carrier_answers_with_result_and_time(personas, make_case, carrier_cm):
    req = freeze.request_shutdown(personas["station_a"], make_case(), "phone", "13800138000")
    with pytest.raises(Forbidden):
        freeze.answer_shutdown(personas["bank_x"], req, "done")
    with pytest.raises(DomainError):
        freeze.answer_shutdown(personas["carrier"], req, "refused")
    freeze.answer_shutdown(personas["carrier"], req, "done", note="已停机")
    assert req.status == "done" and req.answered_at is not None
    with pytest.raises(DomainError):
        freeze.answer_shutdown(personas["carrier"], req, "done")


def test_shutdown_list_scoping(api_as, personas, make_case, carrier_cm):
    freeze.request_shutdown(personas["station_a"], make_case(), "phone", "13800138000")

    def check(name):
        response = api_as(name).get("/api/v1/freeze/shutdowns")
        return len(response.json()) if response.status_code == 200 else response.status_code

    expect_matrix(
        check,
        {
            "station_a": 1,
            "station_b": 0,
            "district": 1,
            "city_admin": 1,
            "bank_x": 0,
            "carrier": 1,
            "outsider": 0,
        },
    )


def test_the_carrier_answers_from_its_page(page_as, personas, make_case, carrier_cm):
    req = freeze.request_shutdown(personas["station_a"], make_case(), "phone", "13800138000")
    client = page_as("carrier")
    assert "13800138000" in client.get("/freeze/shutdowns/").content.decode()
    assert client.post(f"/freeze/shutdowns/{req.pk}/answer/", {"result": "done"}).status_code == 302
    req.refresh_from_db()
    assert req.status == "done"
