"""/api/v1/clues: the persona matrix on every endpoint, structured errors, nothing half-saved."""

from fanzha.clues.models import Clue
from fanzha.core.testing import expect_matrix

from .conftest import titles

BODY = {
    "source": "ministry",
    "source_ref": "BT-2026-1",
    "title": "部推：冒充客服",
    "content": "对方号码 13812345678",
    "fraud_type": "impersonate_cs",
    "indicators": [{"kind": "phone", "value": "13812345678"}],
}


def test_list_is_scoped_per_persona(api_as, scenario):
    def check(name):
        response = api_as(name).get("/api/v1/clues")
        return titles(response.json()["items"]) if response.status_code == 200 else response.status_code

    expect_matrix(
        check,
        {
            "station_a": {"线索A"},
            "station_b": {"线索B"},
            "district": {"线索A", "线索B"},
            "city_admin": {"线索A", "线索B", "线索C", "线索D"},
            "bank_x": set(),
            "carrier": {"线索D"},
            "outsider": set(),
        },
    )


def test_inbox_box_lists_what_my_unit_must_act_on(api_as, scenario):
    def check(name):
        response = api_as(name).get("/api/v1/clues?box=inbox")
        return titles(response.json()["items"]) if response.status_code == 200 else response.status_code

    expect_matrix(
        check,
        {
            "station_a": {"线索A"},
            "station_b": {"线索B"},
            "district": set(),
            "city_admin": {"线索D"},
            "bank_x": set(),
            "carrier": set(),
            "outsider": set(),
        },
    )


def test_detail_is_404_outside_the_scope(api_as, scenario):
    a = scenario["A"]

    def check(name):
        return api_as(name).get(f"/api/v1/clues/{a.pk}").status_code

    expect_matrix(
        check,
        {
            "station_a": 200, "station_b": 404, "district": 200, "city_admin": 200,
            "bank_x": 404, "carrier": 404, "outsider": 404,
        },
    )  # fmt: skip


def test_detail_has_the_timeline_with_deadlines(api_as, scenario):
    body = api_as("district").get(f"/api/v1/clues/{scenario['A'].pk}").json()
    assert [(h["from_unit"], h["to_unit"]) for h in body["hops"]] == [("T-CITY", "T-D1"), ("T-D1", "T-D1-SA")]
    assert [m["kind"] for m in body["hops"][1]["deadlines"]] == ["acknowledge", "assess", "feedback"]
    assert body["indicators"] == [{"kind": "phone", "kind_name": "电话号码", "value": "13812345678"}]


def test_identifiers_are_masked_for_viewers_without_clearance(api_as, scenario):
    body = api_as("carrier").get(f"/api/v1/clues/{scenario['D'].pk}").json()
    assert body["indicators"][0]["value"] == "139****5678"
    assert "13912345678" not in body["content"]


def test_create_matrix(api_as, personas):
    def check(name):
        body = {**BODY, "source_ref": f"BT-{name}"}
        return api_as(name).post("/api/v1/clues", json=body).status_code

    expect_matrix(
        check,
        {
            "station_a": 201, "station_b": 201, "district": 201, "city_admin": 201,
            "bank_x": 403, "carrier": 201, "outsider": 403,
        },
    )  # fmt: skip
    assert Clue.objects.get(source_ref="BT-carrier").holder_unit.code == "T-CITY"


def test_bad_input_gets_field_messages_and_saves_nothing(api_as, personas):
    body = {**BODY, "source": "x", "priority": "soon", "indicators": [{"kind": "phone", "value": "1381234"}]}
    response = api_as("city_admin").post("/api/v1/clues", json=body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert set(error["fields"]) == {"source", "priority", "indicators"}
    assert not Clue.objects.exists()
    response = api_as("city_admin").post("/api/v1/clues", json={"source": "ministry"})
    assert response.status_code == 422 and response.json()["error"]["fields"]["title"] == "必填"


def test_a_duplicate_source_number_is_409(api_as, personas):
    assert api_as("city_admin").post("/api/v1/clues", json=BODY).status_code == 201
    response = api_as("city_admin").post("/api/v1/clues", json=BODY)
    assert response.status_code == 409 and response.json()["error"]["fields"] == {
        "source_ref": "该来源下已存在此编号"
    }


def test_dispatch_acknowledge_assess_feedback_close_by_api(api_as, personas):
    clue_id = api_as("city_admin").post("/api/v1/clues", json=BODY).json()["id"]
    base = f"/api/v1/clues/{clue_id}"
    assert api_as("city_admin").post(f"{base}/dispatch", json={"to_unit": "T-D1"}).status_code == 200
    assert (
        api_as("district").post(f"{base}/dispatch", json={"to_unit": "T-D1-SA", "note": "即查"}).status_code
        == 200
    )
    assert api_as("station_a").post(f"{base}/acknowledge").status_code == 200
    assert api_as("station_a").post(f"{base}/assess", json={"text": "研判"}).status_code == 200
    response = api_as("station_a").post(f"{base}/feedback", json={"result": "arrested", "text": "已抓获"})
    assert response.json()["status"] == "feedback"
    assert api_as("city_admin").post(f"{base}/close").json()["status"] == "closed"


def test_dispatch_matrix_only_the_holder_may_send(api_as, scenario):
    d = scenario["D"]  # held by the city center

    def check(name):
        response = api_as(name).post(f"/api/v1/clues/{d.pk}/dispatch", json={"to_unit": "T-D1"})
        return response.status_code

    expect_matrix(
        check,
        {
            "station_a": 404, "station_b": 404, "district": 404, "city_admin": 200,
            "bank_x": 404, "carrier": 403, "outsider": 404,
        },
    )  # fmt: skip


def test_dispatch_outside_the_tree_is_a_400_with_the_field(api_as, scenario):
    a = scenario["A"]
    response = api_as("station_a").post(f"/api/v1/clues/{a.pk}/dispatch", json={"to_unit": "T-D1-SB"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "outside_tree" and "to_unit" in error["fields"]


def test_feedback_without_a_result_is_refused(api_as, scenario):
    a = scenario["A"]
    api_as("station_a").post(f"/api/v1/clues/{a.pk}/acknowledge")
    response = api_as("station_a").post(
        f"/api/v1/clues/{a.pk}/feedback", json={"result": "maybe", "text": "x"}
    )
    assert response.status_code == 400 and response.json()["error"]["fields"] == {"result": "请选择反馈结果"}
    assert Clue.objects.get(pk=a.pk).status == "assessing"


def test_patch_with_a_stale_version_is_409(api_as, new_clue):
    clue = new_clue()
    url = f"/api/v1/clues/{clue.pk}"
    assert api_as("city_admin").patch(url, json={"title": "改", "version": clue.version}).status_code == 200
    response = api_as("city_admin").patch(url, json={"title": "再改", "version": clue.version})
    assert response.status_code == 409 and "刷新" in response.json()["error"]["message"]


def test_patch_matrix(api_as, scenario):
    a = scenario["A"]

    def check(name):
        return api_as(name).patch(f"/api/v1/clues/{a.pk}", json={"priority": "urgent"}).status_code

    expect_matrix(
        check,
        {
            "station_a": 403, "station_b": 404, "district": 403, "city_admin": 200,
            "bank_x": 404, "carrier": 404, "outsider": 404,
        },
    )  # fmt: skip


def test_without_a_token_it_is_401(api_as, db):
    assert api_as(None).get("/api/v1/clues").status_code == 401


def test_step_endpoints_matrix(api_as, chain):
    """Each persona tries each step on a fresh clue that station A holds (acknowledged for the
    later steps); only station A may act, others get 404 (cannot see) or 403 (see, but not holder)."""
    steps = {
        "acknowledge": None,
        "assess": {"text": "研判"},
        "feedback": {"result": "confirmed", "text": "查实"},
    }
    for step, body in steps.items():

        def check(name, step=step, body=body):
            clue = chain(title=f"{step}-{name}", ref=f"{step}-{name}")
            if step != "acknowledge":
                api_as("station_a").post(f"/api/v1/clues/{clue.pk}/acknowledge")
            return api_as(name).post(f"/api/v1/clues/{clue.pk}/{step}", json=body).status_code

        expect_matrix(
            check,
            {
                "station_a": 200, "station_b": 404, "district": 403, "city_admin": 403,
                "bank_x": 404, "carrier": 404, "outsider": 404,
            },
        )  # fmt: skip
