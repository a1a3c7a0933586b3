import pytest


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ("{not json", 400, "bad_json"),
        ('{"code": 5, "name": [], "kind": "station"}', 422, "invalid"),
        ("[]", 422, "invalid"),
    ],
)
def test_malformed_bodies_get_a_structured_4xx(api_as, body, status, code):
    client = api_as("city_admin")
    response = client.client.post(
        "/api/v1/units", data=body, content_type="application/json", headers=client.headers
    )
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_missing_fields_are_named(api_as):
    response = api_as("city_admin").post("/api/v1/units", json={"name": "x"})
    fields = response.json()["error"]["fields"]
    assert fields["code"] == "必填" and fields["kind"] == "必填"


def test_an_oversized_body_is_refused_not_crashed(api_as, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    big = {"code": "X", "name": "名" * 5000, "kind": "station", "parent": "T-D1"}
    response = api_as("city_admin").post("/api/v1/units", json=big)
    assert response.status_code in (400, 413)
    assert "error" in response.json()


def test_invalid_codes_are_refused_and_nothing_is_saved(api_as):
    from fanzha.org.models import OrgUnit

    before = OrgUnit.objects.count()
    response = api_as("city_admin").post(
        "/api/v1/units", json={"code": "带 空格", "name": "x", "kind": "station"}
    )
    assert response.status_code == 422
    assert OrgUnit.objects.count() == before


def test_healthz_checks_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_openapi_document_is_served(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/auth/login" in paths and "/api/v1/units" in paths
