"""The clue state machine: allowed and refused steps, the dispatch tree, deadlines on hops."""

from datetime import timedelta

import pytest

from fanzha.audit.models import AuditEntry
from fanzha.clues import display, queries, services
from fanzha.clues.models import Clue, ClueHop, DeadlinePolicy
from fanzha.core.errors import Conflict, DomainError

from .conftest import NOW


def _reload(clue):
    return Clue.objects.select_related("owner_unit", "holder_unit").get(pk=clue.pk)


def test_a_clue_travels_city_district_station_and_back(personas, chain):
    clue = chain()
    assert (clue.status, clue.holder_unit.code) == ("dispatched", "T-D1-SA")
    station = personas["station_a"]
    services.acknowledge(station, clue, now=NOW + timedelta(minutes=10))
    services.assess(station, clue, "号码为诈骗专用号码，开展核查", now=NOW + timedelta(hours=2))
    services.feedback(station, clue, "confirmed", "已查实并上报", now=NOW + timedelta(hours=20))
    clue = _reload(clue)
    assert (clue.status, clue.holder_unit.code, clue.result) == ("feedback", "T-CITY", "confirmed")
    services.close(personas["city_admin"], clue, now=NOW + timedelta(days=1))
    clue = _reload(clue)
    assert clue.status == "closed" and clue.due_at is None
    hops = list(clue.hops.order_by("seq"))
    assert [(h.from_unit.code, h.to_unit.code) for h in hops] == [("T-CITY", "T-D1"), ("T-D1", "T-D1-SA")]
    assert hops[0].forwarded_at == NOW and not hops[0].is_current and hops[1].is_current
    assert AuditEntry.objects.filter(object_type="clues.clue", object_id=str(clue.pk)).count() == 7


def test_hop_deadlines_follow_the_receivers_level_and_the_priority(personas, chain):
    DeadlinePolicy.objects.create(
        level="station", priority="critical", dispatch_minutes=5, assess_minutes=60, feedback_minutes=600
    )
    clue = chain(priority="critical")
    district_hop, station_hop = clue.hops.order_by("seq")
    assert district_hop.ack_due == NOW + timedelta(minutes=10)  # default for 特急
    assert station_hop.ack_due == NOW + timedelta(minutes=5)  # the center's own table
    assert station_hop.feedback_due == NOW + timedelta(hours=10)
    assert clue.due_at == station_hop.ack_due and clue.due_kind == "acknowledge"


def test_a_new_clue_must_be_dispatched_within_the_owners_limit(new_clue):
    clue = new_clue()
    assert (clue.status, clue.due_kind, clue.due_at) == ("new", "dispatch", NOW + timedelta(minutes=30))


def test_the_holders_deadline_moves_from_acknowledge_to_assess_to_feedback(personas, chain):
    clue = chain()
    services.acknowledge(personas["station_a"], clue, now=NOW)
    assert (_reload(clue).due_kind, _reload(clue).due_at) == ("assess", NOW + timedelta(hours=24))
    services.assess(personas["station_a"], clue, "研判", now=NOW)
    assert (_reload(clue).due_kind, _reload(clue).due_at) == ("feedback", NOW + timedelta(hours=72))


@pytest.mark.parametrize(
    ("persona", "action", "message"),
    [
        ("station_a", "feedback", "不能反馈"),  # not acknowledged yet
        ("station_a", "assess", "不能研判"),
        ("station_a", "close", "不能办结"),
        ("station_b", "acknowledge", "只有当前承办单位"),
        ("district", "acknowledge", "只有当前承办单位"),
        ("city_admin", "acknowledge", "只有当前承办单位"),
    ],
)
def test_refused_steps_say_why(personas, chain, persona, action, message):
    clue = chain()
    steps = {
        "feedback": lambda u: services.feedback(u, clue, "confirmed", "文字", now=NOW),
        "assess": lambda u: services.assess(u, clue, "文字", now=NOW),
        "close": lambda u: services.close(u, clue, now=NOW),
        "acknowledge": lambda u: services.acknowledge(u, clue, now=NOW),
    }
    with pytest.raises(DomainError, match=message):
        steps[action](personas[persona])
    assert _reload(clue).status == "dispatched"


def test_nothing_happens_twice(personas, chain):
    clue = chain()
    station = personas["station_a"]
    services.acknowledge(station, clue, now=NOW)
    with pytest.raises(DomainError, match="不能签收"):
        services.acknowledge(station, clue, now=NOW)
    services.assess(station, clue, "研判", now=NOW)
    with pytest.raises(DomainError, match="已提交研判"):
        services.assess(station, clue, "再研判", now=NOW)
    services.feedback(station, clue, "unfounded", "不实", now=NOW)
    with pytest.raises(DomainError, match="不能反馈"):
        services.feedback(station, clue, "unfounded", "不实", now=NOW)
    with pytest.raises(DomainError, match="不能下发"):
        services.dispatch(station, clue, personas.unit("T-D1-SA"), now=NOW)
    with pytest.raises(DomainError, match="只有当前承办单位"):
        services.close(station, clue, now=NOW)


def test_the_district_cannot_act_once_it_has_forwarded(personas, chain):
    clue = chain()
    with pytest.raises(DomainError, match="只有当前承办单位"):
        services.dispatch(personas["district"], clue, personas.unit("T-D1-SB"), now=NOW)


@pytest.mark.parametrize(
    ("sender", "target", "message"),
    [
        ("district", "T-D2-SC", "不在测试一分局的辖区内"),
        ("district", "T-CITY", "不在测试一分局的辖区内"),
        ("district", "T-BANKX", "不在测试一分局的辖区内"),
        ("district", "T-D1-SA-C1", "只能下发给公安单位"),
    ],
)
def test_dispatch_outside_the_senders_tree_is_refused(personas, new_clue, sender, target, message):
    clue = new_clue()
    services.dispatch(personas["city_admin"], clue, personas.unit("T-D1"), now=NOW)
    with pytest.raises(DomainError, match=message) as refused:
        services.dispatch(personas[sender], clue, personas.unit(target), now=NOW)
    assert "to_unit" in refused.value.fields
    assert ClueHop.objects.filter(clue=clue).count() == 1


def test_a_unit_handles_a_new_clue_itself(personas, new_clue):
    clue = new_clue(unit_persona="station_a", source="local")
    assert [u.code for u in services.dispatch_targets(clue)] == ["T-D1-SA"]
    services.dispatch(personas["station_a"], clue, personas.unit("T-D1-SA"), now=NOW)
    clue = _reload(clue)
    assert clue.status == "assessing" and clue.due_kind == "assess"
    with pytest.raises(DomainError, match="无需再次下发"):
        services.dispatch(personas["station_a"], clue, personas.unit("T-D1-SA"), now=NOW)


def test_dispatch_targets_are_the_police_units_below(personas, new_clue):
    clue = new_clue()
    codes = [u.code for u in services.dispatch_targets(clue)]
    assert codes == ["T-CITY", "T-D1", "T-D1-SA", "T-D1-SB", "T-D2", "T-D2-SC"]


def test_a_carrier_reports_to_the_city_center_and_sees_only_its_own(personas, scenario):
    d = _reload(scenario["D"])
    assert (d.owner_unit.code, d.holder_unit.code, d.status) == ("T-CAR", "T-CITY", "dispatched")
    assert set(Clue.objects.visible_to(personas["carrier"])) == {d}
    services.acknowledge(personas["city_admin"], d, now=NOW)
    services.dispatch(personas["city_admin"], d, personas.unit("T-D2-SC"), now=NOW)
    assert _reload(d).holder_unit.code == "T-D2-SC"


def test_visibility_follows_the_hops(personas, scenario):
    def seen(name):
        return {c.title for c in Clue.objects.visible_to(personas[name])}

    assert seen("station_a") == {"线索A"}
    assert seen("station_b") == {"线索B"}
    assert seen("district") == {"线索A", "线索B"}
    assert seen("city_admin") == {"线索A", "线索B", "线索C", "线索D"}
    assert seen("bank_x") == set()


def test_overdue_and_due_soon_with_a_frozen_clock(personas, scenario):
    visible = queries.visible(personas["city_admin"])
    # Station acknowledge deadline: 30 minutes; warning from minute 24.
    assert queries.overdue(visible, NOW + timedelta(minutes=10)).count() == 0
    assert {c.title for c in queries.due_soon(visible, NOW + timedelta(minutes=25))} >= {"线索A", "线索B"}
    assert {c.title for c in queries.overdue(visible, NOW + timedelta(minutes=31))} == {
        "线索A", "线索B", "线索C", "线索D"
    }  # fmt: skip
    services.acknowledge(personas["station_a"], scenario["A"], now=NOW + timedelta(minutes=20))
    assert "线索A" not in {c.title for c in queries.overdue(visible, NOW + timedelta(minutes=31))}


def test_timeline_marks_warning_breach_and_late(personas, chain):
    clue = chain()
    services.acknowledge(personas["station_a"], clue, now=NOW + timedelta(minutes=45))
    first, second = clue.hops.order_by("seq")
    later = NOW + timedelta(hours=20)
    assert [m.state for m in display.marks(first, later)] == ["met", "n/a", "n/a"]
    assert [m.state for m in display.marks(second, later)] == ["late", "warning", "ok"]
    assert [m.state for m in display.marks(second, NOW + timedelta(hours=25))][1] == "breached"


def test_inbox_is_the_holders_open_clues_nearest_deadline_first(personas, chain, new_clue):
    urgent = chain(priority="critical", title="特急", ref="U-1")
    normal = chain(title="一般", ref="N-1")
    inbox = list(queries.inbox(personas["station_a"]).order_by("due_at"))
    assert inbox == [urgent, normal]
    assert list(queries.inbox(personas["station_b"])) == []
    services.acknowledge(personas["station_a"], normal, now=NOW)
    services.feedback(personas["station_a"], normal, "unfounded", "不实", now=NOW)
    assert list(queries.inbox(personas["station_a"])) == [urgent]


def test_bad_input_is_refused_per_field_and_nothing_is_saved(personas):
    data = services.ClueData(
        source="nowhere", title=" ", content="", priority="whenever", fraud_type="nope",
        indicators=[("phone", "1381234"), ("bank_account", "6222021234567890123")],
    )  # fmt: skip
    with pytest.raises(DomainError) as refused:
        services.create_clue(personas["city_admin"], data, now=NOW)
    assert set(refused.value.fields) == {"source", "title", "content", "priority", "fraud_type", "indicators"}
    assert "第1条" in refused.value.fields["indicators"]
    assert not Clue.objects.exists()


def test_a_source_number_is_unique_per_source(new_clue):
    new_clue(ref="BT-1")
    with pytest.raises(Conflict, match="BT-1"):
        new_clue(ref="BT-1")
    new_clue(ref="BT-1", source="bank")  # another source may use the same number
    assert Clue.objects.count() == 2


def test_a_stale_edit_is_refused_with_a_conflict(personas, new_clue):
    clue = new_clue()
    services.update_clue(personas["city_admin"], clue, {"title": "新标题"}, version=clue.version)
    with pytest.raises(Conflict, match="已被他人修改"):
        services.update_clue(personas["city_admin"], clue, {"title": "又一个"}, version=clue.version)
    assert _reload(clue).title == "新标题"


def test_edits_replace_indicators_and_record_sightings(personas, new_clue):
    clue = new_clue()
    services.update_clue(
        personas["city_admin"], clue, {"indicators": [("bank_account", "6222021234567890128")]}
    )
    assert list(clue.indicators.values_list("kind", "value")) == [("bank_account", "6222021234567890128")]
    other = new_clue(title="另一条", indicators=[("bank_account", "6222 0212 3456 7890 128")])
    related = services.related(personas["city_admin"], other)
    assert [(r.source_type, r.source_id) for r in related] == [("clue", str(clue.pk))]


def test_an_empty_indicator_list_is_extracted_from_the_text(personas):
    data = services.ClueData(source="public", title="群众举报", content="对方让我加微信并打 13712345678 退款")
    clue = services.create_clue(personas["city_admin"], data, now=NOW)
    assert ("phone", "13712345678") in set(clue.indicators.values_list("kind", "value"))


def test_the_fast_scope_matches_the_foundations_generic_one(personas, scenario):
    from fanzha.core.access import scope_q

    for name in ("station_a", "station_b", "district", "bank_x", "carrier"):
        user = personas[name]
        generic = set(Clue.objects.filter(scope_q(Clue, user.unit.path)))
        assert set(Clue.objects.visible_to(user)) == generic, name
