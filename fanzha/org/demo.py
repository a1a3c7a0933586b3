"""Demo org tree: the fictional city 示例市 with its districts, stations, communities, banks, carriers."""

from __future__ import annotations

from fanzha.accounts import services as accounts
from fanzha.core.demo import DemoContext
from fanzha.core.names import person_name
from fanzha.org import services
from fanzha.org.choices import UnitKind
from fanzha.org.models import OrgUnit

DEMO_PASSWORD = "Demo@fanzha2026"
CITY_CODE = "C0"
DISTRICTS = ("城东区", "城西区", "南湖区", "北山区", "江滨区", "青林县")
STATION_WORDS = [
    "东湖",
    "西苑",
    "南门",
    "北关",
    "新华",
    "人民",
    "解放",
    "建设",
    "和平",
    "长安",
    "文昌",
    "光明",
    "朝阳",
    "滨江",
    "花园",
    "锦绣",
    "永安",
    "太平",
    "学府",
    "龙泉",
    "桃源",
    "清河",
    "石桥",
    "白沙",
    "金山",
    "凤凰",
    "碧水",
    "杏林",
    "春晖",
    "星湖",
    "云台",
    "丰乐",
]
COMMUNITY_SUFFIX = ("社区", "社区", "社区", "村")
BANKS = (
    ("BK01", "中国工商银行示例市分行"),
    ("BK02", "中国农业银行示例市分行"),
    ("BK03", "中国银行示例市分行"),
    ("BK04", "中国建设银行示例市分行"),
    ("BK05", "交通银行示例市分行"),
    ("BK06", "中国邮政储蓄银行示例市分行"),
    ("BK07", "招商银行示例市分行"),
    ("BK08", "示例市农村商业银行"),
)
CARRIERS = (("CM", "中国移动示例市分公司"), ("CU", "中国联通示例市分公司"), ("CT", "中国电信示例市分公司"))


def generate(ctx: DemoContext) -> None:
    city = services.create_unit(code=CITY_CODE, name="示例市公安局反诈中心", kind=UnitKind.CITY)
    stations = _police_tree(ctx, city)
    banks = [_bank(ctx, code, name) for code, name in BANKS]
    carriers = [services.create_unit(code=c, name=n, kind=UnitKind.CARRIER) for c, n in CARRIERS]
    ctx.made.update(city=city, stations=stations, banks=banks, carriers=carriers)
    ctx.made["logins"] = _users(ctx, city, stations, banks, carriers)


def _police_tree(ctx: DemoContext, city: OrgUnit) -> list[OrgUnit]:
    stations: list[OrgUnit] = []
    words = iter(STATION_WORDS)
    for d, name in enumerate(DISTRICTS, start=1):
        district = services.create_unit(
            code=f"D{d:02d}", name=f"示例市公安局{name}分局", kind=UnitKind.DISTRICT, parent=city
        )
        for s in range(1, 6):
            station = services.create_unit(
                code=f"D{d:02d}S{s:02d}", name=f"{next(words)}派出所", kind=UnitKind.STATION, parent=district
            )
            stations.append(station)
            _communities(ctx, station)
    return stations


def _communities(ctx: DemoContext, station: OrgUnit) -> None:
    for c in range(1, ctx.rng.randint(3, 6)):
        suffix = ctx.rng.choice(COMMUNITY_SUFFIX)
        kind = UnitKind.VILLAGE if suffix == "村" else UnitKind.COMMUNITY
        base = station.name.removesuffix("派出所")
        services.create_unit(
            code=f"{station.code}C{c:02d}", name=f"{base}{c}{suffix}", kind=kind, parent=station
        )


def _bank(ctx: DemoContext, code: str, name: str) -> OrgUnit:
    bank = services.create_unit(code=code, name=name, kind=UnitKind.BANK)
    for b in range(1, ctx.rng.randint(3, 6)):
        district = DISTRICTS[(b - 1) % len(DISTRICTS)]
        services.create_unit(
            code=f"{code}B{b:02d}",
            name=f"{name.split('示例市')[0]}{district}支行",
            kind=UnitKind.BANK_BRANCH,
            parent=bank,
        )
    return bank


def _users(
    ctx: DemoContext, city: OrgUnit, stations: list[OrgUnit], banks: list[OrgUnit], carriers: list[OrgUnit]
) -> list[tuple[str, str, str]]:
    """Creates the demo accounts; returns (username, role label, unit name) for the login list."""
    plan: list[tuple[str, str, OrgUnit]] = [
        ("admin", "admin", city),
        ("city_analyst", "city_analyst", city),
        ("outreach", "outreach_coordinator", city),
        ("viewer", "viewer", city),
        ("station_officer", "station_officer", stations[0]),
        ("station_officer_b", "station_officer", stations[1]),
        ("bank_liaison", "bank_liaison", banks[0]),
        ("bank_liaison_b", "bank_liaison", banks[1]),
        ("carrier_liaison", "carrier_liaison", carriers[0]),
    ]
    districts = OrgUnit.objects.filter(kind=UnitKind.DISTRICT).order_by("code")
    plan += [
        (f"district_analyst{'' if i == 0 else i + 1}", "district_analyst", d) for i, d in enumerate(districts)
    ]
    plan += [(f"officer_{s.code.lower()}", "station_officer", s) for s in stations[2:]]
    logins = []
    for username, role, unit in plan:
        user = accounts.create_user(
            username=username, password=DEMO_PASSWORD, role=role, unit=unit, full_name=person_name(ctx.rng)
        )
        logins.append((username, user.get_role_display(), unit.name))
    return logins
