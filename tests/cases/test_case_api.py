from datetime import timedelta

from django.utils import timezone

from fanzha.cases.models import Case
from fanzha.cases.testing import bank_card, resident_id
from fanzha.core.testing import expect_matrix

SEES_STATION_A = {
    "station_a": 1,
    "station_b": 0,
    "district": 1,
    "city_admin": 1,
    "bank_x": 0,
    "carrier": 0,
    "outsider": 0,
}


def _body(**kw):
    now = timezone.now()
    body = {
        "narrative": "对方自称电商客服，称快递丢失需理赔，让我下载会议软件共享屏幕后转账。",
        "incident_at": (now - timedelta(hours=4)).isoformat(),
        "reported_at": (now - timedelta(hours=1)).isoformat(),
        "contact_channel": "call",
        "fraud_type": "impersonate_cs",
        "victim": {
            "name": "李四",
            "id_number": resident_id(),
            "community": "T-D1-SA-C1",
            "phone": "13900139000",
        },
        "payments": [
            {
                "paid_at": (now - timedelta(hours=3)).isoformat(),
                "amount_yuan": "8800",
                "channel": "bank_transfer",
                "to_account": bank_card(),
                "to_bank": "T-BANKX",
            }
        ],
    }
    body.update(kw)
    return body


def test_the_list_is_scoped_per_persona(api_as, make_case):
    make_case()

    def check(name):
        response = api_as(name).get("/api/v1/cases")
        return response.json()["count"] if response.status_code == 200 else response.status_code

    expect_matrix(check, SEES_STATION_A)


def test_the_detail_is_scoped_per_persona_and_audited(api_as, make_case):
    case = make_case()

    def check(name):
        return api_as(name).get(f"/api/v1/cases/{case.pk}").status_code

    expect_matrix(check, {k: 200 if v else 404 for k, v in SEES_STATION_A.items()})
    from fanzha.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="view", object_id=str(case.pk)).count() == 3


def test_create_by_api_returns_201_with_derived_fields(api_as):
    response = api_as("station_a").post("/api/v1/cases", json=_body())
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["owner_unit"]["code"] == "T-D1-SA" and data["victim"]["gender"] == "male"
    assert data["payments"][0]["to_bank"]["code"] == "T-BANKX"
    assert data["golden_time"]["requests"] == 0


def test_only_case_writers_may_create(api_as):
    def check(name):
        return api_as(name).post("/api/v1/cases", json=_body()).status_code

    expect_matrix(
        check,
        {
            "station_a": 201,
            "station_b": 403,
            "district": 201,
            "city_admin": 201,
            "bank_x": 403,
            "carrier": 403,
            "outsider": 403,
        },
    )


def test_bad_input_is_a_structured_400_with_field_messages_and_nothing_saved(api_as):
    body = _body()
    body["victim"]["id_number"] = "110105199003071234"
    body["payments"][0]["amount_yuan"] = "-5"
    body["payments"][0]["to_account"] = "6222020000000000010"
    response = api_as("station_a").post("/api/v1/cases", json=body)
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"victim.id_number", "payments.0.amount_yuan", "payments.0.to_account"}
    assert Case.objects.count() == 0


def test_a_malformed_date_is_a_422_not_a_500(api_as):
    response = api_as("station_a").post("/api/v1/cases", json=_body(incident_at="yesterday"))
    assert response.status_code == 422
    assert "incident_at" in response.json()["error"]["fields"]


def test_patch_with_a_stale_version_is_409(api_as, make_case):
    case = make_case()
    client = api_as("station_a")
    first = client.patch(f"/api/v1/cases/{case.pk}", json={"version": 1, "reporter_name": "王五"})
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = client.patch(f"/api/v1/cases/{case.pk}", json={"version": 1, "reporter_name": "赵六"})
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "stale_version"
    assert "已被他人修改" in stale.json()["error"]["message"]


def test_status_changes_by_api(api_as, make_case):
    case = make_case()
    client = api_as("district")
    assert client.post(f"/api/v1/cases/{case.pk}/status", json={"status": "solved"}).status_code == 400
    response = client.post(f"/api/v1/cases/{case.pk}/status", json={"status": "filed", "version": 1})
    assert response.status_code == 200 and response.json()["status_name"] == "立案"
    assert (
        api_as("station_b")
        .post(f"/api/v1/cases/{case.pk}/status", json={"status": "investigating"})
        .status_code
        == 404
    )


def test_identifiers_are_masked_for_viewers_without_clearance(api_as, make_case, personas):
    case = make_case()
    personas.users["city_admin"].role = "outreach_coordinator"
    personas.users["city_admin"].save()
    data = api_as("city_admin").get(f"/api/v1/cases/{case.pk}").json()
    assert "*" in data["victim"]["id_number"] and "*" in data["victim"]["phone"]
    assert "*" in data["payments"][0]["to_account"]
    clear = api_as("station_a").get(f"/api/v1/cases/{case.pk}").json()
    assert clear["victim"]["id_number"] == resident_id()


def test_list_filters(api_as, make_case):
    a = make_case()
    make_case(fraud_type="click_farming")
    client = api_as("city_admin")
    assert client.get("/api/v1/cases?fraud_type=click_farming").json()["count"] == 1
    assert client.get(f"/api/v1/cases?q={a.number}").json()["items"][0]["id"] == a.pk
    today = timezone.localdate().isoformat()
    assert client.get(f"/api/v1/cases?date_from={today}&station=T-D1").json()["count"] == 2
    assert client.get("/api/v1/cases?station=T-D2").json()["count"] == 0


def test_suggest_and_indicators_endpoints(api_as, make_case):
    client = api_as("station_a")
    found = client.post(
        "/api/v1/cases/suggest", json={"narrative": "我是公安局的，你涉嫌洗钱，把钱转到安全账户"}
    ).json()
    assert found["fraud_type"] == "impersonate_police"
    case = make_case()
    added = client.post(
        f"/api/v1/cases/{case.pk}/indicators",
        json={"kind": "url", "value": "http://fake-bank.example.cn/login"},
    )
    assert added.status_code == 201
    assert client.delete(f"/api/v1/cases/{case.pk}/indicators/{added.json()['id']}").status_code == 204
    assert client.get(f"/api/v1/cases/{case.pk}/related").status_code == 200
