from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from fanzha.cases.testing import bank_card
from fanzha.core.errors import Conflict, DomainError, Forbidden
from fanzha.freeze import services as freeze
from fanzha.freeze.models import FreezeRequest


def test_a_request_goes_to_the_receiving_bank_for_the_paid_amount(sent):
    assert sent.bank.code == "T-BANKX" and sent.owner_unit.code == "T-D1-SA"
    assert sent.status == "sent" and sent.amount_yuan == Decimal("5000.00")
    assert sent.case.events.filter(kind="freeze").exists()


def test_a_second_open_request_for_the_same_payment_is_refused(personas, sent):
    with pytest.raises(Conflict):
        freeze.request_for_payment(personas["station_a"], sent.payment)


def test_a_payment_without_a_known_bank_cannot_be_stopped(personas, make_case):
    case = make_case()
    payment = case.payments.get()
    payment.to_bank = None
    payment.save()
    with pytest.raises(DomainError) as caught:
        freeze.request_for_payment(personas["station_a"], payment)
    assert caught.value.code == "unknown_bank"


def test_sent_acknowledged_stopped_returned(personas, sent):
    bank = personas["bank_x"]
    freeze.acknowledge(bank, sent)
    freeze.answer(bank, sent, "stopped", amount_yuan="4200")
    freeze.record_return(personas["station_a"], sent, "4000")
    sent.refresh_from_db()
    assert sent.status == "returned" and sent.stopped_yuan == Decimal("4200.00")
    assert sent.recovered_yuan == Decimal("4000.00")


def test_a_stop_can_become_a_freeze(personas, sent):
    freeze.answer(personas["bank_x"], sent, "stopped", amount_yuan="3000")
    first_answer = sent.answered_at
    freeze.answer(personas["bank_x"], sent, "frozen", amount_yuan="3000")
    assert sent.status == "frozen" and sent.answered_at == first_answer


@pytest.mark.parametrize(
    "before, refused",
    [("failed", "stopped"), ("returned", "frozen"), (None, "returned"), ("stopped", "moved_on")],
)
def test_refused_transitions(personas, sent, before, refused):
    bank = personas["bank_x"]
    if before == "failed":
        freeze.answer(bank, sent, "failed", reason="账户已销户")
    elif before in ("stopped", "returned"):
        freeze.answer(bank, sent, "stopped", amount_yuan="100")
        if before == "returned":
            freeze.record_return(bank, sent, "100")
    with pytest.raises(DomainError) as caught:
        if refused == "returned":
            freeze.record_return(bank, sent, "1")
        else:
            freeze.answer(
                bank,
                sent,
                refused,
                amount_yuan="1",
                reason="x",
                onward=[freeze.OnwardHop(bank_card(), "T-BANKY", "1")],
            )
    assert caught.value.code == "bad_transition"


def test_answers_are_checked_per_field(personas, sent):
    bank = personas["bank_x"]
    with pytest.raises(DomainError) as caught:
        freeze.answer(bank, sent, "stopped", amount_yuan="-1")
    assert "amount_yuan" in caught.value.fields
    with pytest.raises(DomainError) as caught:
        freeze.answer(bank, sent, "failed")
    assert caught.value.fields == {"reason": "请填写未能止付的原因"}
    with pytest.raises(DomainError):
        freeze.answer(bank, sent, "moved_on")
    assert FreezeRequest.objects.get(pk=sent.pk).status == "sent"


def test_money_that_moved_on_is_chased_hop_by_hop(personas, sent):
    onward = [
        freeze.OnwardHop(bank_card("621700", "77"), "T-BANKY", "3000"),
        freeze.OnwardHop(bank_card("621700", "78"), "Y银行", "1500"),
    ]
    freeze.answer(personas["bank_x"], sent, "moved_on", onward=onward)
    children = list(sent.children.order_by("pk"))
    assert [(c.bank.code, c.hop, c.amount_yuan, c.status) for c in children] == [
        ("T-BANKY", 2, Decimal("3000.00"), "sent"),
        ("T-BANKY", 2, Decimal("1500.00"), "sent"),
    ]
    assert all(c.owner_unit_id == sent.owner_unit_id and c.case_id == sent.case_id for c in children)


def test_an_onward_hop_with_a_bad_card_or_unknown_bank_saves_nothing(personas, sent):
    bad = bank_card()[:-1] + "0" if not bank_card().endswith("0") else bank_card()[:-1] + "1"
    onward = [freeze.OnwardHop(bad, "NOPE", "10")]
    with pytest.raises(DomainError) as caught:
        freeze.answer(personas["bank_x"], sent, "moved_on", onward=onward)
    assert {"onward.0.account", "onward.0.bank"} <= set(caught.value.fields)
    assert FreezeRequest.objects.count() == 1 and FreezeRequest.objects.get().status == "sent"


def test_only_the_addressed_bank_answers(personas, sent):
    for who in ("station_a", "carrier", "district"):
        with pytest.raises(Forbidden):
            freeze.answer(personas[who], sent, "stopped", amount_yuan="1")


def test_a_return_cannot_exceed_what_was_held(personas, sent):
    freeze.answer(personas["bank_x"], sent, "stopped", amount_yuan="100")
    with pytest.raises(DomainError) as caught:
        freeze.record_return(personas["bank_x"], sent, "100.01")
    assert "recovered_yuan" in caught.value.fields


def test_golden_time_figures_with_a_fixed_clock(personas, make_case):
    reported = timezone.now() - timedelta(hours=5)
    case = make_case()
    case.reported_at = reported
    case.save()
    p = case.payments.get()
    t0 = reported + timedelta(minutes=12)
    req = freeze.request_for_payment(personas["station_a"], p, now=t0)
    freeze.answer(
        personas["bank_x"],
        req,
        "moved_on",
        now=t0 + timedelta(minutes=30),
        onward=[freeze.OnwardHop(bank_card("621700", "5"), "T-BANKY", "4000")],
    )
    child = req.children.get()
    freeze.answer(personas["city_admin"], child, "frozen", amount_yuan="3500", now=t0 + timedelta(minutes=75))
    freeze.record_return(personas["station_a"], child, "3000", now=t0 + timedelta(days=3))
    g = freeze.golden_time(case)
    assert g.report_to_first_request == timedelta(minutes=12)
    assert g.request_to_stop == timedelta(minutes=45)  # the child was sent at +30 and frozen at +75
    assert (g.requested_yuan, g.frozen_yuan, g.stopped_yuan, g.recovered_yuan) == (
        Decimal("5000.00"),
        Decimal("3500.00"),
        Decimal("0.00"),
        Decimal("3000.00"),
    )
    assert g.requests == 2 and g.hops == 2 and g.open_requests == 0


def test_golden_time_of_a_case_without_requests_is_empty(make_case):
    g = freeze.golden_time(make_case())
    assert g.requests == 0 and g.report_to_first_request is None and g.stopped_yuan == 0
    assert freeze.human_duration(None) == "—"
    assert freeze.human_duration(timedelta(minutes=75)) == "1 小时 15 分"
