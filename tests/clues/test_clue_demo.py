import random

from django.utils import timezone

from fanzha.clues import demo as clue_demo
from fanzha.clues import queries
from fanzha.clues.models import Clue
from fanzha.core.demo import DemoContext
from fanzha.org import demo as org_demo


def test_a_year_of_clues_with_most_on_time_and_a_few_overdue(db):
    ctx = DemoContext(seed=1, rng=random.Random(1), scale=0.3, log=lambda _: None)
    org_demo.generate(ctx)
    ctx.rng = random.Random("1:clues")
    clue_demo.generate(ctx)
    assert Clue.objects.count() == 360
    statuses = set(Clue.objects.values_list("status", flat=True))
    assert {"closed", "assessing"} <= statuses
    assert 0 < queries.overdue(Clue.objects.all()).count() < 60
    span = timezone.now() - Clue.objects.order_by("received_at").first().received_at
    assert span.days > 300
    a_clue = Clue.objects.filter(status="closed").first()
    assert a_clue.hops.count() in (1, 2) and a_clue.addressed_units.count() == a_clue.hops.count() + 1
