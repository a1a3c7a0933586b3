"""insert_rows / update_values / update_rows: values land typed as the ORM would write them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from fanzha.cases.models import Payment
from fanzha.core.rows import insert_rows, update_rows, update_values, values_among
from fanzha.detect.models import Indicator


@pytest.mark.django_db
def test_insert_skips_conflicts_and_keeps_types(personas):
    now = timezone.now().replace(microsecond=0)
    unit = personas.unit("T-D1-SA")
    fields = ["kind", "value", "source", "first_seen", "last_seen", "owner_unit", "fraud_types", "sightings"]
    fields += ["note", "base_confidence"]
    row = ("phone", "13912345678", "case", now, now, unit.pk, ["impersonate_police"], 1, "", 0.8)
    insert_rows(Indicator, fields, [row, ("qq", "123456", "clue", now, now, None, [], 2, "", 0.8)])
    insert_rows(Indicator, fields, [row], ignore_conflicts=True)
    ind = Indicator.objects.get(kind="phone")
    assert Indicator.objects.count() == 2
    assert ind.first_seen == now and ind.owner_unit == unit and ind.fraud_types == ["impersonate_police"]


@pytest.mark.django_db
def test_update_values_and_update_rows(personas, make_case):
    now = timezone.now().replace(microsecond=0)
    ind = Indicator.objects.create(kind="qq", value="123456", source="case", first_seen=now, last_seen=now)
    update_values(
        Indicator, ["sightings", "last_seen", "fraud_types"], [(5, now + timedelta(days=1), ["x"], ind.pk)]
    )
    ind.refresh_from_db()
    assert (ind.sightings, ind.last_seen, ind.fraud_types) == (5, now + timedelta(days=1), ["x"])
    case = make_case()
    payment = Payment.objects.get(case=case)
    payment.amount_yuan = Decimal("123.45")
    update_rows([payment], ["amount_yuan"])
    payment.refresh_from_db()
    assert payment.amount_yuan == Decimal("123.45")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "equal", "expected"),
    [
        (["13912345678", "13800000000"], {"kind": "phone"}, {"13912345678"}),
        (["13912345678", "123456"], {}, {"13912345678", "123456"}),
        (["123456"], {"kind": "phone"}, set()),  # held, but under another kind
        (["123456"], {"kind": "qq", "source": "clue"}, {"123456"}),
        (["123456"], {"kind": "qq", "source": "case"}, set()),
        (["x' OR '1'='1"], {"kind": "phone"}, set()),  # values are parameters, never SQL
        ([], {"kind": "phone"}, set()),
    ],
)
def test_values_among_answers_as_the_orm_would(values, equal, expected):
    now = timezone.now()
    for kind, value, source in [("phone", "13912345678", "case"), ("qq", "123456", "clue")]:
        Indicator.objects.create(kind=kind, value=value, source=source, first_seen=now, last_seen=now)
    found = set(values_among(Indicator, "value", values, **equal))
    assert found == expected
    assert found == set(Indicator.objects.filter(value__in=values, **equal).values_list("value", flat=True))
