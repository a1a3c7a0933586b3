"""Clue pages: the persona matrix, inbox order, overdue highlight, forms, export, home cards."""

import io
import re
from datetime import timedelta

from django.utils import timezone
from openpyxl import load_workbook

from fanzha.audit.models import AuditEntry
from fanzha.clues.models import Clue
from fanzha.core.testing import expect_matrix

PAGES = ("/clues/", "/clues/inbox/", "/clues/overdue/")


def _titles(response):
    return set(re.findall(r'<td data-label="标题"><a href="[^"]+">([^<]+)</a>', response.content.decode()))


def test_list_pages_matrix(page_as, scenario):
    def check(name):
        response = page_as(name).get("/clues/")
        return _titles(response) if response.status_code == 200 else response.status_code

    expect_matrix(
        check,
        {
            "station_a": {"线索A"}, "station_b": {"线索B"}, "district": {"线索A", "线索B"},
            "city_admin": {"线索A", "线索B", "线索C", "线索D"}, "bank_x": set(), "carrier": {"线索D"},
            "outsider": 403,
        },
    )  # fmt: skip


def test_every_list_page_answers_every_persona(page_as, scenario):
    for url in PAGES:
        expect_matrix(
            lambda name, url=url: page_as(name).get(url).status_code,
            {n: 200 for n in ("station_a", "station_b", "district", "city_admin", "bank_x", "carrier")}
            | {"outsider": 403},
        )


def test_detail_page_matrix(page_as, scenario):
    url = f"/clues/{scenario['A'].pk}/"
    expect_matrix(
        lambda name: page_as(name).get(url).status_code,
        {
            "station_a": 200, "station_b": 404, "district": 200, "city_admin": 200,
            "bank_x": 404, "carrier": 404, "outsider": 403,
        },
    )  # fmt: skip


def test_create_and_import_pages_matrix(page_as, personas):
    for url in ("/clues/new/", "/clues/import/", "/clues/import/template.xlsx"):
        expect_matrix(
            lambda name, url=url: page_as(name).get(url).status_code,
            {
                "station_a": 200, "station_b": 200, "district": 200, "city_admin": 200,
                "bank_x": 403, "carrier": 200, "outsider": 403,
            },
        )  # fmt: skip


def test_inbox_is_sorted_by_deadline_and_highlights_overdue(page_as, personas, chain):
    chain(title="早到的一般线索", ref="N-1")  # NOW is in the past: already overdue
    fresh = chain(title="新到的特急线索", ref="U-1", priority="critical", now=timezone.now())
    Clue.objects.filter(pk=fresh.pk).update(due_at=timezone.now() + timedelta(minutes=9))
    body = page_as("station_a").get("/clues/inbox/").content.decode()
    assert body.index("早到的一般线索") < body.index("新到的特急线索")
    assert body.count('class="overdue"') == 1 and "已超期" in body


def test_empty_inbox_says_so(page_as, personas):
    assert "没有待办线索" in page_as("station_a").get("/clues/inbox/").content.decode()


def test_filters_live_in_the_url(page_as, scenario):
    assert _titles(page_as("city_admin").get("/clues/?source=carrier")) == {"线索D"}
    assert _titles(page_as("city_admin").get("/clues/?q=A-1")) == {"线索A"}
    assert _titles(page_as("city_admin").get("/clues/?q=13912345678")) == {"线索D"}
    response = page_as("city_admin").get("/clues/?overdue=maybe")
    assert response.status_code == 200 and "筛选条件格式错误" in response.content.decode()


def test_the_create_form_shows_field_errors_and_saves_nothing(page_as, personas):
    data = {
        "source": "ministry",
        "title": "",
        "content": "内容",
        "priority": "normal",
        "indicators": "电话号码:123",
    }
    response = page_as("city_admin").post("/clues/new/", data)
    body = response.content.decode()
    assert response.status_code == 200 and "这个字段是必填项" in body
    data["title"] = "标题"
    body = page_as("city_admin").post("/clues/new/", data).content.decode()
    assert "第1条涉案标识（电话号码）" in body
    assert not Clue.objects.exists()


def test_the_create_form_saves_and_redirects(page_as, personas):
    data = {
        "source": "public", "title": "群众举报", "content": "冒充客服", "priority": "urgent",
        "fraud_type": "impersonate_cs", "indicators": "电话号码:13812345678\n银行账号:6222021234567890128",
    }  # fmt: skip
    response = page_as("district").post("/clues/new/", data)
    clue = Clue.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/clues/{clue.pk}/"
    assert clue.owner_unit.code == "T-D1" and clue.indicators.count() == 2


def test_a_refused_step_shows_its_reason_on_the_page(page_as, scenario):
    a = scenario["A"]
    response = page_as("district").post(f"/clues/{a.pk}/dispatch/", {"to_unit": "T-D1-SB"})
    assert response.status_code == 403 and "只有当前承办单位（甲派出所）可以下发" in response.content.decode()
    response = page_as("station_a").post(f"/clues/{a.pk}/dispatch/", {"to_unit": "T-D1-SB"})
    assert response.status_code == 400 and "乙派出所不在甲派出所的辖区内" in response.content.decode()
    assert Clue.objects.get(pk=a.pk).hops.count() == 2


def test_steps_by_page(page_as, scenario):
    a = scenario["A"]
    station = page_as("station_a")
    assert station.post(f"/clues/{a.pk}/acknowledge/").status_code == 302
    response = station.post(f"/clues/{a.pk}/feedback/", {"result": "", "text": ""})
    assert response.status_code == 400 and "这个字段是必填项" in response.content.decode()
    assert (
        station.post(f"/clues/{a.pk}/feedback/", {"result": "confirmed", "text": "查实"}).status_code == 302
    )
    assert station.get(f"/clues/{a.pk}/acknowledge/").status_code == 405
    body = page_as("city_admin").get(f"/clues/{a.pk}/").content.decode()
    assert "办结" in body and "查实" in body


def test_export_is_masked_per_clearance_and_audited(page_as, scenario):
    def cells(name):
        response = page_as(name).get("/clues/?export=xlsx")
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = list(sheet.iter_rows(values_only=True))
        return rows[0], rows[1:]

    header, rows = cells("carrier")
    column = header.index("涉案标识")
    assert [r[column] for r in rows] == ["电话号码:139****5678"]
    header, rows = cells("district")
    assert sorted(r[column] for r in rows) == ["电话号码:13812345678"] * 2
    assert AuditEntry.objects.filter(action="export", object_type="clues.clue").count() == 2
    assert page_as("outsider").get("/clues/?export=xlsx").status_code == 403


def test_home_cards_count_inbox_and_overdue(page_as, scenario):
    def check(name):
        response = page_as(name).get("/")
        if response.status_code != 200:
            return response.status_code
        body = response.content.decode()
        found = [
            re.search(rf'<div class="n">(\d+)</div><div class="l">{label}', body)
            for label in ("待办线索", "超期线索")
        ]
        return tuple(int(m.group(1)) for m in found if m)

    expect_matrix(
        check,
        {
            "station_a": (1, 1), "station_b": (1, 1), "district": (0, 2), "city_admin": (1, 4),
            "bank_x": (0, 0), "carrier": (0, 1), "outsider": 403,
        },
    )  # fmt: skip
