"""Test support shared by every domain: a small org tree, personas, and the persona matrix.

from fanzha.core.testing import PERSONAS, build_personas

def test_units_endpoint_scopes(personas, api_as):
    for name, expected in {"station_a": 200, "outsider": 401}.items(): ...
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook

from fanzha.accounts.models import User
from fanzha.org.choices import UnitKind
from fanzha.org.models import OrgUnit

PASSWORD = "Persona-pass-2026"

# name → (role, unit code); "outsider" has an account but no unit and no role.
PERSONAS: dict[str, tuple[str, str | None]] = {
    "station_a": ("station_officer", "T-D1-SA"),
    "station_b": ("station_officer", "T-D1-SB"),
    "district": ("district_analyst", "T-D1"),
    "city_admin": ("admin", "T-CITY"),
    "bank_x": ("bank_liaison", "T-BANKX"),
    "carrier": ("carrier_liaison", "T-CAR"),
    "outsider": ("viewer", None),
}

_TREE = (
    ("T-CITY", "测试市反诈中心", UnitKind.CITY, None),
    ("T-D1", "测试一分局", UnitKind.DISTRICT, "T-CITY"),
    ("T-D2", "测试二分局", UnitKind.DISTRICT, "T-CITY"),
    ("T-D1-SA", "甲派出所", UnitKind.STATION, "T-D1"),
    ("T-D1-SB", "乙派出所", UnitKind.STATION, "T-D1"),
    ("T-D2-SC", "丙派出所", UnitKind.STATION, "T-D2"),
    ("T-D1-SA-C1", "甲一社区", UnitKind.COMMUNITY, "T-D1-SA"),
    ("T-D1-SB-C1", "乙一社区", UnitKind.COMMUNITY, "T-D1-SB"),
    ("T-BANKX", "X银行", UnitKind.BANK, None),
    ("T-BANKX-1", "X银行一支行", UnitKind.BANK_BRANCH, "T-BANKX"),
    ("T-BANKY", "Y银行", UnitKind.BANK, None),
    ("T-CAR", "测试运营商", UnitKind.CARRIER, None),
)


@dataclass
class Personas:
    units: dict[str, OrgUnit]
    users: dict[str, User]

    def __getitem__(self, name: str) -> User:
        return self.users[name]

    def unit(self, code: str) -> OrgUnit:
        return self.units[code]


def build_personas() -> Personas:
    """Creates the tree and one user per persona (directly, without audit noise)."""
    units: dict[str, OrgUnit] = {}
    for code, name, kind, parent in _TREE:
        units[code] = OrgUnit.objects.create(code=code, name=name, kind=kind, parent=units.get(parent or ""))
    users = {}
    for persona, (role, unit_code) in PERSONAS.items():
        user = User(username=persona, role=role, unit=units[unit_code] if unit_code else None)
        user.set_password(PASSWORD)
        user.save()
        users[persona] = user
    return Personas(units, users)


def expect_matrix(check: Any, expected: dict[str, Any]) -> None:
    """Runs `check(persona_name)` for every persona and compares with `expected`.

    Every persona must be named in `expected`, so a new persona cannot slip through untested.
    """
    missing = set(PERSONAS) - set(expected)
    assert not missing, f"persona matrix must cover every persona; missing {sorted(missing)}"
    got = {name: check(name) for name in PERSONAS}
    wrong = {name: (got[name], expected[name]) for name in PERSONAS if got[name] != expected[name]}
    assert not wrong, f"persona matrix mismatch (got, expected): {wrong}"


def xlsx_file(rows: Iterable[Sequence[Any]], header: Sequence[str] | None = None) -> io.BytesIO:
    """An in-memory .xlsx with `header` (if given) then `rows` on its first sheet, for import tests."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    if header is not None:
        ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer
