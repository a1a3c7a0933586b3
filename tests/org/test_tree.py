import pytest

from fanzha.core.errors import DomainError
from fanzha.org import services
from fanzha.org.models import OrgUnit


def test_descendants_include_communities_below_stations(personas):
    codes = {u.code for u in services.descendants(personas.unit("T-D1"))}
    assert codes == {"T-D1", "T-D1-SA", "T-D1-SB", "T-D1-SA-C1", "T-D1-SB-C1"}


def test_descendants_can_exclude_self(personas):
    codes = {u.code for u in services.descendants(personas.unit("T-D1-SA"), include_self=False)}
    assert codes == {"T-D1-SA-C1"}


def test_ancestors_run_from_root_to_parent(personas):
    chain = [u.code for u in services.ancestors(personas.unit("T-D1-SA-C1"))]
    assert chain == ["T-CITY", "T-D1", "T-D1-SA"]


def test_responsible_station_of_a_community(personas):
    assert services.responsible_station(personas.unit("T-D1-SB-C1")).code == "T-D1-SB"


def test_a_district_has_no_responsible_station(personas):
    assert services.responsible_station(personas.unit("T-D1")) is None


def test_it_refuses_a_station_under_a_bank(personas):
    with pytest.raises(DomainError) as err:
        services.create_unit(code="X1", name="错挂派出所", kind="station", parent=personas.unit("T-BANKX"))
    assert err.value.fields == {"parent": "上级单位类别不符"}
    assert not OrgUnit.objects.filter(code="X1").exists()


def test_it_refuses_duplicate_codes(personas):
    with pytest.raises(DomainError, match="已存在"):
        services.create_unit(code="T-D1", name="重复", kind="district", parent=personas.unit("T-CITY"))


def test_moving_a_station_repaths_its_communities(personas):
    station = personas.unit("T-D1-SA")
    services.update_unit(station, parent=personas.unit("T-D2"))
    community = OrgUnit.objects.get(code="T-D1-SA-C1")
    assert community.path == "/T-CITY/T-D2/T-D1-SA/T-D1-SA-C1/"
    assert community.is_within(personas.unit("T-D2"))


def test_it_refuses_a_move_into_its_own_subtree(personas):
    with pytest.raises(DomainError, match="自己的下级"):
        services.update_unit(personas.unit("T-D1"), parent=personas.unit("T-D1-SA"))
