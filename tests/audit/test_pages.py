from fanzha.audit import services
from fanzha.core.context import acting_as
from fanzha.core.testing import expect_matrix


def test_audit_page_matrix(page_as):
    expect_matrix(
        lambda name: page_as(name).get("/admin/audit/").status_code,
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


def test_audit_page_filters_by_actor_and_survives_bad_dates(personas, page_as):
    with acting_as(user=personas["station_a"], client_ip="10.1.2.3"):
        services.record("export", object_type="cases.case", summary="导出案件列表")
    client = page_as("city_admin")
    body = client.get("/admin/audit/?actor=station_a").content.decode()
    assert "导出案件列表" in body and "10.1.2.3" in body
    assert "导出案件列表" not in client.get("/admin/audit/?actor=station_b").content.decode()
    bad = client.get("/admin/audit/?date_from=not-a-date")
    assert bad.status_code == 200
    assert "筛选条件格式错误" in bad.content.decode()


def test_audit_api_verify(api_as):
    response = api_as("city_admin").get("/api/v1/audit/verify")
    assert response.status_code == 200 and response.json()["ok"] is True
    assert api_as("station_a").get("/api/v1/audit/verify").status_code == 403
