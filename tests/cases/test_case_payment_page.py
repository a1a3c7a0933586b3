"""Adding a payment to a registered case from its page."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from fanzha.cases.models import Payment
from fanzha.cases.testing import bank_card

FMT = "%Y-%m-%dT%H:%M"


def _payment(case, version, **kw):
    data = {
        "version": str(version),
        "paid_at": timezone.localtime(case.incident_at + timedelta(minutes=30)).strftime(FMT),
        "amount_yuan": "1200.50",
        "channel": "bank_transfer",
        "to_account": bank_card(),
        "from_account": "",
        "to_name": "李某",
        "to_bank": "",
    }
    data.update(kw)
    return data


def test_a_payment_added_later_counts_in_the_loss_and_the_indicators(page_as, make_case):
    case = make_case()
    client = page_as("station_a")
    assert "补充转账" in client.get(f"/cases/{case.pk}/").content.decode()
    assert client.get(f"/cases/{case.pk}/payments/new/").status_code == 200
    data = _payment(case, case.version)
    response = client.post(f"/cases/{case.pk}/payments/new/", data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.loss_yuan == Decimal("5000.00") + Decimal("1200.50")
    assert Payment.objects.filter(case=case).count() == 2
    assert case.indicators.filter(kind="bank_account", value=data["to_account"]).exists()
    assert case.events.filter(note__contains="补充转账").exists()


def test_bad_payments_are_explained_per_field_and_nothing_is_saved(page_as, make_case):
    case = make_case()
    client = page_as("station_a")
    early = timezone.localtime(case.incident_at - timedelta(days=1)).strftime(FMT)
    response = client.post(
        f"/cases/{case.pk}/payments/new/",
        _payment(case, case.version, paid_at=early, amount_yuan="-5", to_account="6222020000000000017"),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "转账时间早于案发时间，请核对" in body
    assert "金额必须大于 0" in body
    assert "不符合Luhn校验" in body
    assert Payment.objects.filter(case=case).count() == 1


def test_a_stale_version_is_refused_with_the_conflict_message(page_as, make_case):
    case = make_case()
    client = page_as("station_a")
    assert client.post(f"/cases/{case.pk}/payments/new/", _payment(case, case.version)).status_code == 302
    stale = client.post(f"/cases/{case.pk}/payments/new/", _payment(case, case.version))
    assert stale.status_code == 200 and "已被他人修改" in stale.content.decode()
    assert Payment.objects.filter(case=case).count() == 2


def test_other_stations_and_banks_cannot_add_payments(page_as, make_case):
    case = make_case()
    assert page_as("station_b").get(f"/cases/{case.pk}/payments/new/").status_code == 404
    assert page_as("bank_x").get(f"/cases/{case.pk}/payments/new/").status_code == 403
