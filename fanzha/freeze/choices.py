from django.db import models


class FreezeKind(models.TextChoices):
    STOP = "stop", "止付"
    FREEZE = "freeze", "冻结"


class FreezeStatus(models.TextChoices):
    SENT = "sent", "已发送"
    ACKNOWLEDGED = "acknowledged", "银行已接收"
    STOPPED = "stopped", "已止付"
    FROZEN = "frozen", "已冻结"
    MOVED_ON = "moved_on", "资金已转出"
    FAILED = "failed", "未能止付"
    RETURNED = "returned", "已返还受害人"


ANSWERS = (FreezeStatus.STOPPED, FreezeStatus.FROZEN, FreezeStatus.MOVED_ON, FreezeStatus.FAILED)
OPEN = (FreezeStatus.SENT, FreezeStatus.ACKNOWLEDGED)
HELD = (FreezeStatus.STOPPED, FreezeStatus.FROZEN)

# The lifecycle: sent → acknowledged → a result; money held (stopped/frozen) may go back to the victim.
# A stop-payment may be turned into a freeze. Banks may answer straight from "sent".
TRANSITIONS: dict[str, frozenset[str]] = {
    FreezeStatus.SENT: frozenset({FreezeStatus.ACKNOWLEDGED, *ANSWERS}),
    FreezeStatus.ACKNOWLEDGED: frozenset(ANSWERS),
    FreezeStatus.STOPPED: frozenset({FreezeStatus.FROZEN, FreezeStatus.RETURNED}),
    FreezeStatus.FROZEN: frozenset({FreezeStatus.RETURNED}),
    FreezeStatus.MOVED_ON: frozenset(),
    FreezeStatus.FAILED: frozenset(),
    FreezeStatus.RETURNED: frozenset(),
}


class TargetKind(models.TextChoices):
    PHONE = "phone", "电话号码"
    URL = "url", "网址"
    DOMAIN = "domain", "域名"


class ShutdownStatus(models.TextChoices):
    SENT = "sent", "已发送"
    DONE = "done", "已关停/已拦截"
    REFUSED = "refused", "未能关停"


# The carrier units are found by name; these are the names identifiers.parse_phone reports.
CARRIER_CODES = {"中国移动": "CM", "中国联通": "CU", "中国电信": "CT"}
