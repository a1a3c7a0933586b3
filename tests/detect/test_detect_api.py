from fanzha.core.testing import expect_matrix
from fanzha.detect.models import Indicator

POLICE = "您好，我是公安局的，您涉嫌洗钱，请把钱转到安全账户6222021234567890128，联系13912345678"
BANK = "【工商银行】您的验证码是123456，请勿泄露给他人。"


def test_detect_one_text_flags_fraud_and_records_sightings(api_as):
    response = api_as("station_a").post("/api/v1/detect", json={"text": POLICE})
    assert response.status_code == 200
    body = response.json()
    assert body["is_fraud"] is True and body["fraud_type_name"] == "冒充公检法"
    assert any(r.get("cue") == "safe_account" for r in body["reasons"])
    kinds = {i["kind"] for i in body["indicators"]}
    assert {"phone", "bank_account"} <= kinds
    assert Indicator.objects.filter(kind="phone", value="13912345678").exists()


def test_a_bank_notice_is_not_fraud(api_as):
    body = api_as("station_a").post("/api/v1/detect", json={"text": BANK}).json()
    assert body["is_fraud"] is False


def test_batch_reports_bad_items_individually(api_as):
    items = [{"id": 1, "text": POLICE}, {"id": 2, "text": ""}, {"id": 3, "text": 42}, {"id": 4, "text": BANK}]
    results = api_as("station_a").post("/api/v1/detect", json={"items": items}).json()["results"]
    assert [r["id"] for r in results] == [1, 2, 3, 4]
    assert results[0]["is_fraud"] and not results[3]["is_fraud"]
    assert results[1]["error"]["code"] == "bad_text" and results[2]["error"]["code"] == "bad_text"


def test_batch_over_the_limit_is_refused(api_as):
    items = [{"id": i, "text": "x"} for i in range(1001)]
    response = api_as("station_a").post("/api/v1/detect", json={"items": items})
    assert response.status_code == 422
    assert "items" in response.json()["error"]["fields"]


def test_empty_and_oversized_text_are_clear_errors(api_as):
    client = api_as("station_a")
    assert client.post("/api/v1/detect", json={"text": "   "}).json()["error"]["code"] == "bad_text"
    assert client.post("/api/v1/detect", json={"text": "诈" * 100_001}).status_code in (413, 422)
    assert client.post("/api/v1/detect", json={}).status_code == 400


def test_detect_persona_matrix(api_as):
    expect_matrix(
        lambda name: api_as(name).post("/api/v1/detect", json={"text": BANK}).status_code,
        {
            "station_a": 200, "station_b": 200, "district": 200, "city_admin": 200,
            "bank_x": 403, "carrier": 403, "outsider": 403,
        },
    )  # fmt: skip


def test_indicator_write_matrix(api_as):
    def check(name):
        body = {"kind": "qq", "value": f"5{abs(hash(name)) % 10**8:08d}"}
        return api_as(name).post("/api/v1/indicators", json=body).status_code

    expect_matrix(
        check,
        {
            "station_a": 403, "station_b": 403, "district": 201, "city_admin": 201,
            "bank_x": 403, "carrier": 403, "outsider": 403,
        },
    )  # fmt: skip


def test_lookup_and_export(api_as):
    client = api_as("district")
    client.post("/api/v1/indicators", json={"kind": "phone", "value": "13912345678"})
    found = client.post(
        "/api/v1/indicators/lookup", json={"items": [{"kind": "phone", "value": "+8613912345678"}]}
    )
    assert found.json()[0]["known"] is True
    assert found.json()[0]["indicator"]["sightings"] == 1
    csv_text = b"".join(client.get("/api/v1/indicators/export?format=csv").streaming_content).decode()
    assert "13912345678" in csv_text
    stix = client.get("/api/v1/indicators/export?format=stix").json()
    assert stix["objects"][0]["pattern"] == "[x-fanzha-phone:value = '13912345678']"
    assert client.get("/api/v1/indicators/export?format=xml").status_code == 400


def test_import_by_api(api_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = api_as("district")
    upload = SimpleUploadedFile("list.csv", b"kind,value\nphone,13912345678\nphone,bad\n", "text/csv")
    response = client.client.post("/api/v1/indicators/import", {"file": upload}, headers=client.headers)
    assert response.status_code == 200
    assert response.json()["created"] == 1 and response.json()["errors"][0]["row"] == 2
