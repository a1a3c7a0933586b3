from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from fanzha.audit.models import AuditEntry
from fanzha.cases import services
from fanzha.cases.models import Case, CaseEvent, Payment, Victim
from fanzha.cases.testing import bank_card, case_input, resident_id
from fanzha.cases.validation import PaymentInput
from fanzha.core.errors import DomainError, Forbidden


def test_intake_puts_the_case_at_the_station_of_the_victims_community(personas, make_case):
    case = make_case(who="district")
    assert case.owner_unit.code == "T-D1-SA"
    assert case.status == "accepted" and case.version == 1
    assert case.number.startswith("AJ")


def test_gender_and_age_come_from_the_id_number(make_case):
    now = timezone.now()
    case = make_case(now=now)
    victim = case.victim
    assert victim.gender == "male"
    assert str(victim.birth_date) == "1990-03-07"
    expected = timezone.localtime(case.reported_at).year - 1990
    assert victim.age in (expected, expected - 1)


def test_indicators_are_extracted_from_the_payments_and_narrative(make_case):
    case = make_case()
    kinds = {(i.kind, i.source) for i in case.indicators.all()}
    assert ("bank_account", "payment") in kinds


def test_the_loss_defaults_to_the_sum_of_payments(make_case):
    assert make_case(amount="1234.50").loss_yuan == Decimal("1234.50")


def test_the_bank_is_recognized_from_the_card_bin_when_not_given(personas):
    personas.unit("T-BANKY").name = "中国工商银行测试分行"
    personas.unit("T-BANKY").save()
    case = services.create_case(personas["station_a"], case_input(bank=""))
    payment = case.payments.get()
    assert payment.to_bank.code == "T-BANKY"
    assert payment.to_bank_name == "工商银行"


def test_creation_is_audited_and_on_the_timeline(make_case):
    case = make_case()
    assert AuditEntry.objects.filter(
        action="create", object_type="cases.case", object_id=str(case.pk)
    ).exists()
    assert CaseEvent.objects.filter(case=case, kind="created").count() == 1


def _fields(personas, data, who="station_a"):
    with pytest.raises(DomainError) as caught:
        services.create_case(personas[who], data)
    assert Case.objects.count() == 0 and Victim.objects.count() == 0 and Payment.objects.count() == 0
    return caught.value.fields


def test_an_invalid_id_number_is_a_field_error_and_nothing_is_saved(personas):
    data = case_input()
    data.victim.id_number = resident_id()[:-1] + ("0" if resident_id()[-1] != "0" else "1")
    assert "校验" in _fields(personas, data)["victim.id_number"]


def test_a_card_that_fails_luhn_is_refused(personas):
    data = case_input()
    good = bank_card()
    data.payments[0].to_account = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert "Luhn" in _fields(personas, data)["payments.0.to_account"]


def test_a_payment_before_the_incident_is_refused(personas):
    data = case_input()
    data.payments[0].paid_at = data.incident_at - timedelta(minutes=5)
    assert _fields(personas, data)["payments.0.paid_at"] == "转账时间早于案发时间，请核对"


@pytest.mark.parametrize("amount", ["-100", "0", "abc"])
def test_a_non_positive_or_non_numeric_amount_is_refused(personas, amount):
    data = case_input(amount=amount)
    assert "payments.0.amount_yuan" in _fields(personas, data)


def test_an_unknown_bank_is_refused(personas):
    data = case_input(bank="NO-SUCH-BANK")
    assert "NO-SUCH-BANK" in _fields(personas, data)["payments.0.to_bank"]


def test_all_problems_are_reported_at_once(personas):
    data = case_input(amount="-1", narrative="", contact_channel="telepathy")
    data.victim.community = "NOWHERE"
    fields = _fields(personas, data)
    assert {"narrative", "contact_channel", "victim.community", "payments.0.amount_yuan"} <= set(fields)


def test_an_incident_after_the_report_is_refused(personas):
    data = case_input()
    data.incident_at = data.reported_at + timedelta(minutes=1)
    assert "incident_at" in _fields(personas, data)


def test_a_station_cannot_take_a_case_of_a_sibling_stations_area(personas):
    with pytest.raises(Forbidden) as caught:
        services.create_case(personas["station_b"], case_input())
    assert "victim.community" in caught.value.fields
    assert Case.objects.count() == 0


def test_roles_without_case_rights_cannot_take_reports(personas):
    for who in ("bank_x", "carrier", "outsider"):
        with pytest.raises(Forbidden):
            services.create_case(personas[who], case_input())


def test_a_source_ref_is_registered_only_once(personas):
    services.create_case(personas["station_a"], case_input(source_ref="110-0001"))
    with pytest.raises(DomainError) as caught:
        services.create_case(personas["station_a"], case_input(source_ref="110-0001"))
    assert caught.value.fields == {"source_ref": "来源案件编号已存在"}


def test_adding_a_payment_raises_the_loss_and_the_version(personas, make_case):
    case = make_case(amount="100")
    payment = PaymentInput(
        paid_at=case.incident_at + timedelta(minutes=30),
        amount_yuan="50",
        channel="alipay",
        to_account="13800138000",
    )
    services.add_payment(personas["station_a"], case, payment)
    case.refresh_from_db()
    assert case.loss_yuan == Decimal("150.00") and case.version == 2
    assert case.indicators.filter(kind="alipay").exists()


def test_indicators_can_be_added_and_removed(personas, make_case):
    case = make_case()
    row = services.add_indicator(personas["station_a"], case, "phone", "+86 138-0013-8001")
    assert row.value == "13800138001" and row.source == "manual"
    with pytest.raises(DomainError):
        services.add_indicator(personas["station_a"], case, "phone", "13800138001")
    with pytest.raises(DomainError) as caught:
        services.add_indicator(personas["station_a"], case, "phone", "138")
    assert "value" in caught.value.fields
    services.remove_indicator(personas["station_a"], case, row.pk)
    assert not case.indicators.filter(pk=row.pk).exists()


def test_cases_sharing_an_account_are_related(personas, make_case):
    first = make_case()
    second = make_case()
    related = services.related(personas["station_a"], second)
    assert [(r.source_type, r.source_id) for r in related] == [("case", str(first.pk))]
    assert services.related(personas["station_b"], second) == []
