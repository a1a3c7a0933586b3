"""The center sets its clue time limits per level and priority; new hops follow them."""

from datetime import timedelta

import pytest

from fanzha.audit.models import AuditEntry
from fanzha.clues import services
from fanzha.clues.deadlines import DEFAULTS, Policy
from fanzha.clues.models import DeadlinePolicy
from fanzha.core.errors import DomainError, Forbidden

from .conftest import NOW


def _post(client, **overrides):
    data = {}
    for row in services.policy_table():
        for name, value in vars(row.policy).items():
            key = f"{row.level}.{row.priority}.{name}"
            data[key] = "" if value is None else str(value)
    data.update(overrides)
    return client.post("/clues/deadlines/", data)


def test_the_page_shows_defaults_and_the_city_center_changes_one(page_as, personas):
    client = page_as("city_admin")
    page = client.get("/clues/deadlines/")
    assert page.status_code == 200
    assert "线索时限设置" in page.content.decode() and "系统默认" in page.content.decode()
    response = _post(client, **{"district.urgent.assess_minutes": "360"})
    assert response.status_code == 302
    row = DeadlinePolicy.objects.get(level="district", priority="urgent")
    assert row.assess_minutes == 360 and DeadlinePolicy.objects.count() == 1
    entry = AuditEntry.objects.filter(object_type="clues.deadlinepolicy").get()
    assert entry.before["assess_minutes"] == DEFAULTS[("district", "urgent")].assess_minutes
    assert entry.after["assess_minutes"] == 360
    assert "本中心设置" in client.get("/clues/deadlines/").content.decode()


def test_new_hops_use_the_configured_limits(personas, new_clue):
    services.set_policies(personas["city_admin"], {("district", "normal"): Policy(5, 60, 120)})
    clue = new_clue()
    hop = services.dispatch(personas["city_admin"], clue, personas.unit("T-D1"), now=NOW)
    assert hop.ack_due == NOW + timedelta(minutes=5)
    assert hop.feedback_due == NOW + timedelta(minutes=120)


def test_bad_limits_are_refused_per_field_and_nothing_is_saved(page_as, personas):
    client = page_as("city_admin")
    shorter = _post(client, **{"city.critical.assess_minutes": "5", "city.critical.dispatch_minutes": "10"})
    assert shorter.status_code == 200 and "研判时限不能短于签收时限" in shorter.content.decode()
    not_a_number = _post(client, **{"station.normal.warn_percent": "abc"})
    assert not_a_number.status_code == 200 and "输入整数" in not_a_number.content.decode()
    assert not DeadlinePolicy.objects.exists()
    with pytest.raises(DomainError) as exc:
        services.set_policies(personas["city_admin"], {("city", "critical"): Policy(10, 5, 60)})
    assert exc.value.fields == {"city.critical.assess_minutes": "研判时限不能短于签收时限"}


def test_only_the_city_center_may_change_them(page_as, personas):
    district = page_as("district")
    assert district.get("/clues/deadlines/").status_code == 200  # may read
    assert _post(district).status_code == 403
    with pytest.raises(Forbidden):
        services.set_policies(personas["district"], {("city", "normal"): Policy(1, 2, 3)})
    with pytest.raises(Forbidden):
        services.set_policies(personas["station_a"], {("city", "normal"): Policy(1, 2, 3)})
    assert not DeadlinePolicy.objects.exists()
