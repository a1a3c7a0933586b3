from datetime import timedelta

import pytest
from django.utils import timezone

from fanzha.cases.models import Case
from fanzha.cases.testing import bank_card, resident_id
from fanzha.core.testing import expect_matrix


def _form(**kw):
    now = timezone.localtime()
    fmt = "%Y-%m-%dT%H:%M"
    data = {
        "reported_at": (now - timedelta(hours=1)).strftime(fmt),
        "incident_at": (now - timedelta(hours=5)).strftime(fmt),
        "victim_name": "王小明",
        "victim_id_number": resident_id(),
        "victim_phone": "13800138000",
        "victim_occupation": "教师",
        "victim_education": "bachelor",
        "victim_community": "",
        "contact_channel": "sms",
        "narrative": "收到中奖短信，按对方要求先交个人所得税。",
        "fraud_type": "prize",
        "loss_yuan": "",
        "reporter_name": "",
        "reporter_phone": "",
        "source_ref": "",
        "payments-TOTAL_FORMS": "3",
        "payments-INITIAL_FORMS": "0",
        "payments-MIN_NUM_FORMS": "0",
        "payments-MAX_NUM_FORMS": "50",
        "payments-0-paid_at": (now - timedelta(hours=4)).strftime(fmt),
        "payments-0-amount_yuan": "2000",
        "payments-0-channel": "bank_transfer",
        "payments-0-to_account": bank_card(),
        "payments-0-from_account": "",
        "payments-0-to_name": "",
        "payments-0-to_bank": "",
    }
    data.update(kw)
    return data


def _community(personas):
    return str(personas.unit("T-D1-SA-C1").pk)


def test_case_pages_per_persona(page_as, make_case):
    case = make_case()

    def check(name):
        client = page_as(name)
        return tuple(
            client.get(url).status_code
            for url in (
                "/cases/",
                f"/cases/{case.pk}/",
                "/cases/new/",
                f"/cases/{case.pk}/edit/",
                "/cases/import/",
            )
        )

    expect_matrix(
        check,
        {
            "station_a": (200, 200, 200, 200, 200),
            "station_b": (200, 404, 200, 404, 200),
            "district": (200, 200, 200, 200, 200),
            "city_admin": (200, 200, 200, 200, 200),
            "bank_x": (200, 404, 403, 403, 403),
            "carrier": (200, 404, 403, 403, 403),
            "outsider": (403, 403, 403, 403, 403),
        },
    )


def test_the_list_shows_only_visible_cases_and_an_empty_state(page_as, make_case):
    case = make_case()
    assert case.number in page_as("station_a").get("/cases/").content.decode()
    other = page_as("station_b").get("/cases/").content.decode()
    assert case.number not in other and "没有符合条件的案件" in other


def test_list_filters_sorting_and_paging_come_from_the_url(page_as, make_case):
    make_case()
    make_case(fraud_type="click_farming")
    client = page_as("district")
    page = client.get("/cases/?fraud_type=click_farming&sort=-loss&size=20&status=accepted").content.decode()
    assert "共 1 条" in page and "刷单返利" in page
    assert "共 0 条" in client.get("/cases/?date_from=2000-01-01&date_to=2000-01-02").content.decode()
    assert client.get("/cases/?date_from=garbage&page=999&sort=nope").status_code == 200


def test_intake_by_form_creates_the_case(page_as, personas):
    response = page_as("station_a").post("/cases/new/", _form(victim_community=_community(personas)))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"
    assert case.payments.count() == 1 and case.fraud_type == "prize"


def test_intake_errors_are_shown_per_field_and_nothing_is_saved(page_as, personas):
    bad_card = bank_card()[:-1] + ("1" if not bank_card().endswith("1") else "2")
    form = _form(
        victim_community=_community(personas),
        victim_id_number="110105199003071230",
        **{"payments-0-to_account": bad_card, "payments-0-amount_yuan": "-3"},
    )
    response = page_as("station_a").post("/cases/new/", form)
    page = response.content.decode()
    assert response.status_code == 200
    assert "身份证号校验失败" in page or "校验" in page
    assert "Luhn" in page and "金额必须大于 0" in page
    assert Case.objects.count() == 0


def test_the_suggestion_fragment(page_as):
    page = page_as("station_a").post(
        "/cases/suggest/", {"narrative": "冒充公安局民警，说我涉嫌洗钱要转到安全账户"}
    )
    assert "冒充公检法" in page.content.decode()


@pytest.mark.parametrize(
    ("score", "is_fraud", "type_p", "expected", "absent"),
    [
        (0.93, True, 0.3, "系统建议", "最接近的类型"),
        (0.35, False, 0.3, "最接近的类型是：<strong>冒充公检法", "系统建议"),
        (0.05, False, 0.3, "暂未识别出诈骗类型", "冒充公检法"),
        # a low score, but the text reads plainly as one type
        (0.05, False, 0.85, "最接近的类型是：<strong>冒充公检法", "系统建议"),
    ],
)
def test_a_narrative_under_the_threshold_still_offers_the_type_it_reads_as(
    page_as, monkeypatch, score, is_fraud, type_p, expected, absent
):
    from fanzha.detect.engine import Detection, Detector

    def fake_detect(self, text, lookup=None, allow=None):
        code, name = ("impersonate_police", "冒充公检法") if is_fraud else (None, None)
        return Detection(
            is_fraud, score, code, name, 0.8, likely_type="impersonate_police", likely_probability=type_p
        )

    monkeypatch.setattr(Detector, "detect", fake_detect)
    page = page_as("station_a").post("/cases/suggest/", {"narrative": "事主称被人以配合调查为由骗走存款"})
    html = page.content.decode()
    assert expected in html and absent not in html


def test_the_detail_shows_golden_time_payments_and_a_stop_button(page_as, make_case):
    case = make_case()
    page = page_as("station_a").get(f"/cases/{case.pk}/").content.decode()
    assert "发起止付" in page and "报案→首次止付请求" in page and "办理记录" in page
    response = page_as("station_a").post(f"/freeze/payment/{case.payments.get().pk}/send/")
    assert response.status_code == 302
    assert case.freeze_requests.count() == 1


def test_edit_with_a_stale_version_shows_the_conflict(page_as, make_case):
    case = make_case()
    client = page_as("station_a")
    fmt = "%Y-%m-%dT%H:%M"
    incident = timezone.localtime(case.incident_at).strftime(fmt)
    reported = timezone.localtime(case.reported_at).strftime(fmt)
    form = {
        "version": "1",
        "narrative": "补充：对方又来电",
        "incident_at": incident,
        "reported_at": reported,
        "contact_channel": "call",
        "fraud_type": "impersonate_police",
        "loss_yuan": "5000.00",
        "reporter_name": "",
        "reporter_phone": "",
    }
    assert client.post(f"/cases/{case.pk}/edit/", form).status_code == 302
    stale = client.post(f"/cases/{case.pk}/edit/", {**form, "narrative": "另一处修改"})
    assert stale.status_code == 200 and "已被他人修改" in stale.content.decode()


def test_status_change_from_the_page(page_as, make_case):
    case = make_case()
    client = page_as("station_a")
    client.post(f"/cases/{case.pk}/status/", {"status": "filed", "version": "1"})
    case.refresh_from_db()
    assert case.status == "filed"
    client.post(f"/cases/{case.pk}/status/", {"status": "accepted", "version": "2"})
    case.refresh_from_db()
    assert case.status == "filed"


def test_the_list_keeps_the_sort_order_and_shows_each_victim(page_as, make_case):
    small = make_case(amount="100")
    big = make_case(amount="9000")
    page = page_as("district").get("/cases/?sort=-loss").content.decode()
    assert page.index(big.number) < page.index(small.number) and "张三" in page
    page = page_as("district").get("/cases/?sort=loss").content.decode()
    assert page.index(small.number) < page.index(big.number)


def test_the_search_box_finds_a_victim_name_prefix_or_a_source_case_number(page_as, make_case):
    named = make_case()
    numbered = make_case(source_ref="110-7788")
    client = page_as("district")
    page = client.get("/cases/?q=张").content.decode()
    assert named.number in page and numbered.number in page
    page = client.get("/cases/?q=110-7788").content.decode()
    assert numbered.number in page and named.number not in page
    assert "共 0 条" in client.get("/cases/?q=李").content.decode()
