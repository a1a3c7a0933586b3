from fanzha.cases.testing import bank_card
from fanzha.core.testing import expect_matrix
from fanzha.freeze import services as freeze
from fanzha.freeze.models import FreezeRequest


def _to_bank_y(personas, make_case):
    case = make_case(bank="T-BANKY")
    return freeze.request_for_payment(personas["station_a"], case.payments.get())


def test_bank_liaisons_see_only_requests_addressed_to_their_bank(api_as, personas, sent, make_case):
    _to_bank_y(personas, make_case)

    def check(name):
        response = api_as(name).get("/api/v1/freeze/requests")
        if response.status_code != 200:
            return response.status_code
        return sorted(item["bank"]["code"] for item in response.json()["items"])

    expect_matrix(
        check,
        {
            "station_a": ["T-BANKX", "T-BANKY"],
            "station_b": [],
            "district": ["T-BANKX", "T-BANKY"],
            "city_admin": ["T-BANKX", "T-BANKY"],
            "bank_x": ["T-BANKX"],
            "carrier": [],
            "outsider": [],
        },
    )


def test_a_request_to_bank_y_is_invisible_to_bank_x(api_as, personas, make_case):
    other = _to_bank_y(personas, make_case)
    assert api_as("bank_x").get(f"/api/v1/freeze/requests/{other.pk}").status_code == 404
    answer = {"result": "stopped", "amount_yuan": "1"}
    assert api_as("bank_x").post(f"/api/v1/freeze/requests/{other.pk}/answer", json=answer).status_code == 404


def test_the_bank_sees_the_whole_account_it_must_stop(api_as, personas, sent):
    personas.users["district"].role = "viewer"
    personas.users["district"].save()
    assert api_as("bank_x").get(f"/api/v1/freeze/requests/{sent.pk}").json()["account"] == sent.account
    assert "*" in api_as("district").get(f"/api/v1/freeze/requests/{sent.pk}").json()["account"]


def test_who_may_answer(api_as, sent):
    def check(name):
        FreezeRequest.objects.filter(pk=sent.pk).update(status="sent")
        return api_as(name).post(f"/api/v1/freeze/requests/{sent.pk}/acknowledge").status_code

    expect_matrix(
        check,
        {
            "station_a": 403,
            "station_b": 404,
            "district": 403,
            "city_admin": 200,
            "bank_x": 200,
            "carrier": 404,
            "outsider": 404,
        },
    )


def test_who_may_send(api_as, make_case):
    case = make_case()
    payment_id = case.payments.get().pk

    def check(name):
        response = api_as(name).post("/api/v1/freeze/requests", json={"payment_id": payment_id})
        if response.status_code == 201:
            FreezeRequest.objects.all().delete()
        return response.status_code

    expect_matrix(
        check,
        {
            "station_a": 201,
            "station_b": 404,
            "district": 201,
            "city_admin": 201,
            "bank_x": 404,
            "carrier": 404,
            "outsider": 404,
        },
    )


def test_core_banking_answers_by_api_including_onward_hops(api_as, sent):
    client = api_as("bank_x")
    body = {
        "result": "moved_on",
        "onward": [{"account": bank_card("621700", "9"), "bank": "T-BANKY", "amount_yuan": "2000"}],
    }
    response = client.post(f"/api/v1/freeze/requests/{sent.pk}/answer", json=body)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "moved_on" and len(response.json()["children"]) == 1
    again = client.post(
        f"/api/v1/freeze/requests/{sent.pk}/answer", json={"result": "stopped", "amount_yuan": "5"}
    )
    assert again.status_code == 400 and again.json()["error"]["code"] == "bad_transition"


def test_an_answer_with_bad_fields_is_400(api_as, sent):
    response = api_as("bank_x").post(f"/api/v1/freeze/requests/{sent.pk}/answer", json={"result": "failed"})
    assert response.status_code == 400 and response.json()["error"]["fields"] == {
        "reason": "请填写未能止付的原因"
    }


def test_freeze_pages_per_persona(page_as, sent):
    def check(name):
        return page_as(name).get(f"/freeze/{sent.pk}/").status_code

    expect_matrix(
        check,
        {
            "station_a": 200,
            "station_b": 404,
            "district": 200,
            "city_admin": 200,
            "bank_x": 200,
            "carrier": 404,
            "outsider": 403,
        },
    )

    def listed(name):
        response = page_as(name).get("/freeze/")
        return (
            sent.case.number in response.content.decode()
            if response.status_code == 200
            else response.status_code
        )

    expect_matrix(
        listed,
        {
            "station_a": True,
            "station_b": False,
            "district": True,
            "city_admin": True,
            "bank_x": True,
            "carrier": False,
            "outsider": 403,
        },
    )


def test_the_bank_answers_from_its_page(page_as, sent):
    client = page_as("bank_x")
    page = client.get("/freeze/").content.decode()
    assert "发往本行的止付冻结请求" in page
    response = client.post(
        f"/freeze/{sent.pk}/answer/",
        {
            "result": "stopped",
            "amount_yuan": "4999",
            "reason": "",
            "note": "已止付",
            "onward-TOTAL_FORMS": "3",
            "onward-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == "stopped" and str(sent.stopped_yuan) == "4999.00"


def test_the_freeze_list_exports_for_the_bank(page_as, sent):
    response = page_as("bank_x").get("/freeze/export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
