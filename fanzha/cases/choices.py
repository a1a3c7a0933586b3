from django.db import models


class CaseStatus(models.TextChoices):
    ACCEPTED = "accepted", "受理"
    FILED = "filed", "立案"
    INVESTIGATING = "investigating", "侦查"
    SOLVED = "solved", "破案"
    NOT_FILED = "not_filed", "不立案"
    WITHDRAWN = "withdrawn", "撤案"


# The state machine: which status may follow which. Closed cases do not reopen here.
TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.ACCEPTED: frozenset({CaseStatus.FILED, CaseStatus.NOT_FILED, CaseStatus.WITHDRAWN}),
    CaseStatus.FILED: frozenset({CaseStatus.INVESTIGATING, CaseStatus.SOLVED, CaseStatus.WITHDRAWN}),
    CaseStatus.INVESTIGATING: frozenset({CaseStatus.SOLVED, CaseStatus.WITHDRAWN}),
    CaseStatus.SOLVED: frozenset(),
    CaseStatus.NOT_FILED: frozenset(),
    CaseStatus.WITHDRAWN: frozenset(),
}


class ContactChannel(models.TextChoices):
    CALL = "call", "电话"
    SMS = "sms", "短信"
    APP = "app", "应用程序"
    SOCIAL = "social", "社交网络"
    WEBSITE = "website", "网站"
    OTHER = "other", "其他"


class PaymentChannel(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", "银行转账"
    ALIPAY = "alipay", "支付宝"
    WECHAT_PAY = "wechat_pay", "微信支付"
    CASH = "cash", "现金"
    CRYPTO = "crypto", "虚拟货币"
    GIFT_CARD = "gift_card", "礼品卡/充值卡"
    OTHER = "other", "其他"


# The indicator kind of the receiving account, per payment channel.
ACCOUNT_KIND: dict[str, str] = {
    PaymentChannel.BANK_TRANSFER: "bank_account",
    PaymentChannel.ALIPAY: "alipay",
    PaymentChannel.WECHAT_PAY: "wechat",
}


class Gender(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


class Education(models.TextChoices):
    PRIMARY = "primary", "小学及以下"
    JUNIOR = "junior", "初中"
    SENIOR = "senior", "高中/中专"
    COLLEGE = "college", "大专"
    BACHELOR = "bachelor", "本科"
    GRADUATE = "graduate", "研究生"


class EventKind(models.TextChoices):
    CREATED = "created", "受理登记"
    STATUS = "status", "状态变更"
    UPDATED = "updated", "修改"
    PAYMENT = "payment", "补充转账"
    INDICATOR = "indicator", "涉案标识"
    FREEZE = "freeze", "止付冻结"
    SHUTDOWN = "shutdown", "关停"


class IndicatorSource(models.TextChoices):
    NARRATIVE = "narrative", "案情提取"
    PAYMENT = "payment", "转账记录"
    MANUAL = "manual", "人工添加"


class IntakeSource(models.TextChoices):
    DESK = "desk", "110/96110 接报"
    STATION = "station", "派出所接报"
    IMPORT = "import", "批量导入"
    API = "api", "接口推送"
