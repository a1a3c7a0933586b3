from django.db import models


class UnitKind(models.TextChoices):
    CITY = "city", "市局/反诈中心"
    DISTRICT = "district", "区县分局"
    STATION = "station", "派出所"
    COMMUNITY = "community", "社区"
    VILLAGE = "village", "村"
    BANK = "bank", "银行"
    BANK_BRANCH = "bank_branch", "银行网点"
    CARRIER = "carrier", "通信运营商"


# Which kinds may hang below which: the tree the center actually has.
ALLOWED_PARENTS: dict[str, set[str | None]] = {
    UnitKind.CITY: {None},
    UnitKind.DISTRICT: {UnitKind.CITY},
    UnitKind.STATION: {UnitKind.DISTRICT, UnitKind.CITY},
    UnitKind.COMMUNITY: {UnitKind.STATION},
    UnitKind.VILLAGE: {UnitKind.STATION},
    UnitKind.BANK: {None},
    UnitKind.BANK_BRANCH: {UnitKind.BANK},
    UnitKind.CARRIER: {None},
}
