"""Which role may do what. One table, read by pages and API alike."""

from __future__ import annotations

from fanzha.accounts.choices import Perm, Role

_ANALYST = {
    Perm.VIEW_UNMASKED,
    Perm.WRITE_CASES,
    Perm.DISPATCH_CLUES,
    Perm.RUN_DETECTION,
    Perm.MANAGE_INDICATORS,
    Perm.EXPORT,
}

ROLE_PERMS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(Perm.values),
    Role.CITY_ANALYST: frozenset(_ANALYST | {Perm.VIEW_AUDIT, Perm.RUN_TELECOM, Perm.SET_DEADLINES}),
    Role.DISTRICT_ANALYST: frozenset(_ANALYST),
    Role.STATION_OFFICER: frozenset(
        {Perm.WRITE_CASES, Perm.DISPATCH_CLUES, Perm.RUN_DETECTION, Perm.EXPORT, Perm.VIEW_UNMASKED}
    ),
    Role.BANK_LIAISON: frozenset({Perm.ANSWER_FREEZE, Perm.EXPORT}),
    Role.CARRIER_LIAISON: frozenset(
        {Perm.ANSWER_SHUTDOWN, Perm.RUN_TELECOM, Perm.DISPATCH_CLUES, Perm.EXPORT}
    ),
    Role.OUTREACH_COORDINATOR: frozenset({Perm.WRITE_OUTREACH, Perm.RUN_DETECTION, Perm.EXPORT}),
    Role.VIEWER: frozenset(),
}

# Which unit kinds a role may belong to; refuses e.g. a bank liaison placed in a police station.
ROLE_UNIT_KINDS: dict[str, set[str]] = {
    Role.ADMIN: {"city"},
    Role.CITY_ANALYST: {"city"},
    Role.DISTRICT_ANALYST: {"district"},
    Role.STATION_OFFICER: {"station"},
    Role.BANK_LIAISON: {"bank", "bank_branch"},
    Role.CARRIER_LIAISON: {"carrier"},
    Role.OUTREACH_COORDINATOR: {"city", "district", "station"},
    Role.VIEWER: {"city", "district", "station", "bank", "bank_branch", "carrier"},
}


def perms_for(role: str) -> frozenset[str]:
    return ROLE_PERMS.get(role, frozenset())
