import pytest

from fanzha.accounts import services
from fanzha.audit.models import AuditEntry
from fanzha.core.errors import DomainError
from fanzha.core.testing import expect_matrix


def test_a_bank_liaison_cannot_sit_in_a_police_station(personas):
    with pytest.raises(DomainError) as err:
        services.create_user(
            username="x", password="Good-pass-2026", role="bank_liaison", unit=personas.unit("T-D1-SA")
        )
    assert err.value.fields == {"unit": "单位类别与角色不符"}


def test_creating_a_user_is_audited_without_the_password(personas):
    services.create_user(
        username="newbie", password="Good-pass-2026", role="station_officer", unit=personas.unit("T-D1-SA")
    )
    entry = AuditEntry.objects.get(action="create", object_type="accounts.user")
    assert entry.after["username"] == "newbie"
    assert "password" not in entry.after


def test_user_list_api_is_scoped(api_as):
    def check(name):
        response = api_as(name).get("/api/v1/users")
        if response.status_code != 200:
            return response.status_code
        return sorted(item["username"] for item in response.json()["items"])

    expect_matrix(
        check,
        {
            "station_a": 403,
            "station_b": 403,
            "district": 403,
            "city_admin": sorted(
                ["bank_x", "carrier", "city_admin", "district", "outsider", "station_a", "station_b"]
            ),
            "bank_x": 403,
            "carrier": 403,
            "outsider": 403,
        },
    )


def test_create_user_api_reports_fields(api_as):
    response = api_as("city_admin").post(
        "/api/v1/users",
        json={"username": "u1", "password": "123", "role": "station_officer", "unit": "T-D1-SA"},
    )
    assert response.status_code == 400
    assert "password" in response.json()["error"]["fields"]


def test_user_page_creates_a_user(page_as):
    data = {
        "username": "p1",
        "role": "station_officer",
        "unit": "",
        "password": "Good-pass-2026",
        "is_active": "on",
    }
    client = page_as("city_admin")
    from fanzha.org.models import OrgUnit

    data["unit"] = str(OrgUnit.objects.get(code="T-D1-SB").pk)
    response = client.post("/accounts/users/new/", data)
    assert response.status_code == 302
    assert client.get("/accounts/users/?q=p1").content.decode().count("p1") >= 1
