import pytest

from fanzha.cases import services
from fanzha.cases.models import Case
from fanzha.core.errors import Conflict, DomainError, Forbidden


@pytest.mark.parametrize(
    "path",
    [
        ["filed", "investigating", "solved"],
        ["filed", "solved"],
        ["not_filed"],
        ["filed", "withdrawn"],
        ["filed", "investigating", "withdrawn"],
    ],
)
def test_allowed_transitions_are_recorded_with_who_and_when(personas, make_case, path):
    case = make_case()
    for status in path:
        services.change_status(personas["station_a"], case, status, note="依法处理")
    case.refresh_from_db()
    assert case.status == path[-1]
    events = list(case.events.filter(kind="status").values_list("from_status", "to_status", "actor_name"))
    assert [e[1] for e in events] == path
    assert all("甲派出所" in e[2] for e in events)


@pytest.mark.parametrize(
    "path, refused",
    [
        ([], "solved"),
        ([], "investigating"),
        (["not_filed"], "filed"),
        (["filed", "solved"], "investigating"),
        (["filed"], "accepted"),
    ],
)
def test_refused_transitions_raise_and_change_nothing(personas, make_case, path, refused):
    case = make_case()
    for status in path:
        services.change_status(personas["station_a"], case, status, note="原因")
    with pytest.raises(DomainError) as caught:
        services.change_status(personas["station_a"], case, refused)
    assert caught.value.code == "bad_transition"
    assert Case.objects.get(pk=case.pk).status == (path[-1] if path else "accepted")


def test_not_filing_needs_a_reason(personas, make_case):
    case = make_case()
    with pytest.raises(DomainError) as caught:
        services.change_status(personas["station_a"], case, "not_filed")
    assert caught.value.fields == {"note": "请填写原因"}


def test_a_sibling_station_cannot_change_the_status(personas, make_case):
    case = make_case()
    with pytest.raises(Forbidden):
        services.change_status(personas["station_b"], case, "filed")


def test_a_stale_version_is_a_conflict_with_a_clear_message(personas, make_case):
    case = make_case()
    mine = Case.objects.get(pk=case.pk)
    theirs = Case.objects.get(pk=case.pk)
    services.update_case(
        personas["station_a"], theirs, version=1, changes={"narrative": "对方冒充客服，已补充"}
    )
    with pytest.raises(Conflict) as caught:
        services.update_case(personas["district"], mine, version=1, changes={"loss_yuan": "10"})
    assert caught.value.status == 409
    assert "已被他人修改" in caught.value.message and "第 2 版" in caught.value.message
    assert Case.objects.get(pk=case.pk).loss_yuan != 10


def test_a_status_change_with_a_stale_version_is_refused(personas, make_case):
    case = make_case()
    services.update_case(
        personas["station_a"], Case.objects.get(pk=case.pk), version=1, changes={"reporter_name": "李四"}
    )
    with pytest.raises(Conflict):
        services.change_status(personas["station_a"], case, "filed", version=1)


def test_an_update_is_validated_and_audited(personas, make_case):
    case = make_case()
    with pytest.raises(DomainError) as caught:
        services.update_case(
            personas["station_a"], case, version=1, changes={"loss_yuan": "-5", "fraud_type": "nope"}
        )
    assert set(caught.value.fields) == {"loss_yuan", "fraud_type"}
    services.update_case(personas["station_a"], case, version=1, changes={"fraud_type": "刷单返利"})
    case.refresh_from_db()
    assert case.fraud_type == "click_farming" and case.version == 2
    from fanzha.audit.models import AuditEntry

    entry = AuditEntry.objects.filter(object_id=str(case.pk), action="update").latest("id")
    assert entry.after == {"fraud_type": "click_farming"}
