from fanzha.core.testing import expect_matrix

from .test_detect_api import POLICE


def test_desk_matrix(page_as):
    expect_matrix(
        lambda name: page_as(name).get("/detect/").status_code,
        {
            "station_a": 200, "station_b": 200, "district": 200, "city_admin": 200,
            "bank_x": 403, "carrier": 403, "outsider": 403,
        },
    )  # fmt: skip


def test_desk_shows_verdict_type_marks_and_dissuasion_points(page_as):
    body = page_as("station_a").post("/detect/", {"text": POLICE}).content.decode()
    assert "疑似诈骗" in body and "冒充公检法" in body
    assert "<mark" in body and "安全账户" in body
    assert "劝阻要点" in body
    assert "13912345678" in body


def test_desk_shows_who_the_caller_says_they_are_as_the_type_s_clue(page_as):
    text = "您好，这里是某某银行客服中心，您的账户有异常交易，请提供验证码，把资金转到安全账户"
    body = page_as("station_a").post("/detect/", {"text": text}).content.decode()
    assert "冒充电商物流客服" in body
    assert "类型线索" in body and '<mark title="类型线索">这里是某某银行客服</mark>' in body


def test_desk_escapes_html_in_the_text(page_as):
    body = (
        page_as("station_a")
        .post("/detect/", {"text": "<script>alert(1)</script> 请把验证码发给我"})
        .content.decode()
    )
    assert "<script>alert(1)</script>" not in body


def test_desk_htmx_returns_the_fragment_and_empty_text_errors(page_as):
    client = page_as("station_a")
    fragment = client.post("/detect/", {"text": POLICE}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and "疑似诈骗" in fragment
    empty = client.post("/detect/", {"text": ""}).content.decode()
    assert "这个字段是必填项" in empty


def test_indicator_pages(page_as):
    client = page_as("district")
    assert "标识库为空" in client.get("/detect/indicators/").content.decode()
    response = client.post("/detect/indicators/new/", {"kind": "phone", "value": "96110"})
    assert "白名单" in response.content.decode()
    assert (
        client.post("/detect/indicators/new/", {"kind": "phone", "value": "13912345678"}).status_code == 302
    )
    assert "13912345678" in client.get("/detect/indicators/?kind=phone").content.decode()


def test_desk_tells_first_sightings_from_known_indicators_in_chinese(page_as):
    client = page_as("station_a")
    first = client.post("/detect/", {"text": POLICE}).content.decode()
    assert "首次发现，已收录" in first and "已知涉案</span>" not in first
    assert "银行账号" in first and "police_identity" not in first
    second = client.post("/detect/", {"text": POLICE}).content.decode()
    assert "已知涉案" in second
