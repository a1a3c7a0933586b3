from fanzha.core.testing import expect_matrix


def _codes(response):
    return {item["code"] for item in response.json()["items"]}


def test_unit_list_is_scoped_per_persona(api_as):
    def check(name):
        response = api_as(name).get("/api/v1/units")
        return _codes(response) if response.status_code == 200 else response.status_code

    expect_matrix(
        check,
        {
            "station_a": {"T-D1-SA", "T-D1-SA-C1"},
            "station_b": {"T-D1-SB", "T-D1-SB-C1"},
            "district": {"T-D1", "T-D1-SA", "T-D1-SB", "T-D1-SA-C1", "T-D1-SB-C1"},
            "city_admin": {
                "T-CITY", "T-D1", "T-D2", "T-D1-SA", "T-D1-SB", "T-D2-SC", "T-D1-SA-C1", "T-D1-SB-C1",
                "T-BANKX", "T-BANKX-1", "T-BANKY", "T-CAR",
            },
            "bank_x": {"T-BANKX", "T-BANKX-1"},
            "carrier": {"T-CAR"},
            "outsider": set(),
        },
    )  # fmt: skip


def test_a_sibling_station_gets_404_not_403(api_as):
    assert api_as("station_b").get("/api/v1/units/T-D1-SA").status_code == 404
    assert api_as("station_a").get("/api/v1/units/T-D1-SA").status_code == 200


def test_without_a_token_the_api_answers_401_in_the_error_shape(api_as):
    response = api_as(None).get("/api/v1/units")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_only_admins_create_units(api_as):
    body = {"code": "NEW-S", "name": "新派出所", "kind": "station", "parent": "T-D1"}

    def check(name):
        return api_as(name).post("/api/v1/units", json=body).status_code

    results = {name: check(name) for name in ("station_a", "district", "bank_x", "outsider")}
    assert results == {"station_a": 403, "district": 403, "bank_x": 403, "outsider": 403}
    assert api_as("city_admin").post("/api/v1/units", json=body).status_code == 201


def test_unknown_parent_is_a_clear_404(api_as):
    body = {"code": "NEW-S", "name": "新派出所", "kind": "station", "parent": "NOPE"}
    response = api_as("city_admin").post("/api/v1/units", json=body)
    assert response.status_code == 404
    assert "NOPE" in response.json()["error"]["message"]


def test_bad_kind_is_a_field_error(api_as):
    body = {"code": "NEW-S", "name": "新", "kind": "spaceship", "parent": "T-D1"}
    response = api_as("city_admin").post("/api/v1/units", json=body)
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"kind": "单位类别无效"}
