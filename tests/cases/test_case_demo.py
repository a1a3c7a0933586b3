import random

from django.db.models import Count

from fanzha.cases import bulk
from fanzha.cases import demo as cases_demo
from fanzha.cases.models import Case, Payment
from fanzha.core.demo import DemoContext
from fanzha.freeze import demo as freeze_demo
from fanzha.freeze.models import FreezeRequest
from fanzha.identifiers import parse_bank_card, parse_resident_id


def _ctx(scale):
    return DemoContext(seed=7, rng=random.Random(7), scale=scale, log=lambda _: None)


def test_demo_cases_and_requests_are_plausible_and_valid(personas):
    ctx = _ctx(0.2)
    cases_demo.generate(ctx)
    freeze_demo.generate(ctx)
    assert Case.objects.count() == 120
    for case in Case.objects.select_related("victim", "owner_unit")[:40]:
        assert parse_resident_id(case.victim.id_number).birth_date == case.victim.birth_date
        assert case.incident_at <= case.reported_at
        assert case.owner_unit.kind == "station"
    for p in Payment.objects.filter(channel="bank_transfer")[:40]:
        assert parse_bank_card(p.to_account).number == p.to_account
    statuses = dict(FreezeRequest.objects.values_list("status").annotate(n=Count("id")))
    held = sum(statuses.get(s, 0) for s in ("stopped", "frozen", "returned"))
    assert 0 < held < sum(statuses.values()) / 2  # a minority is stopped in time
    assert FreezeRequest.objects.filter(hop=2).exists()


def test_the_same_seed_gives_the_same_cases(personas):
    bulk.generate(5, random.Random(3))
    first = list(Case.objects.order_by("pk").values_list("number", "loss_yuan"))
    Case.objects.all().delete()
    bulk.generate(5, random.Random(3))
    assert list(Case.objects.order_by("pk").values_list("number", "loss_yuan")) == first


def test_ages_follow_the_fraud_type(personas):
    bulk.generate(400, random.Random(1))
    ages = {}
    for code, age in Case.objects.values_list("fraud_type", "victim__age"):
        ages.setdefault(code, []).append(age)
    mean = {k: sum(v) / len(v) for k, v in ages.items() if len(v) >= 10}
    assert mean["impersonate_police"] > mean["click_farming"]
