from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "系统管理员"
    CITY_ANALYST = "city_analyst", "市局研判员"
    DISTRICT_ANALYST = "district_analyst", "分局研判员"
    STATION_OFFICER = "station_officer", "派出所民警"
    BANK_LIAISON = "bank_liaison", "银行联络员"
    CARRIER_LIAISON = "carrier_liaison", "运营商联络员"
    OUTREACH_COORDINATOR = "outreach_coordinator", "宣传专员"
    VIEWER = "viewer", "只读用户"


class Perm(models.TextChoices):
    """Capabilities; roles are bundles of these (see roles.py)."""

    MANAGE_UNITS = "org.manage", "管理单位"
    MANAGE_USERS = "accounts.manage", "管理用户"
    MANAGE_TOKENS = "accounts.tokens", "管理接口令牌"
    VIEW_AUDIT = "audit.view", "查看审计日志"
    VIEW_UNMASKED = "identifiers.unmasked", "查看未脱敏个人信息"
    WRITE_CASES = "cases.write", "录入与处理案件"
    DISPATCH_CLUES = "clues.dispatch", "下发与反馈线索"
    SET_DEADLINES = "clues.deadlines", "设置线索时限"
    ANSWER_FREEZE = "freeze.answer", "答复止付冻结"
    ANSWER_SHUTDOWN = "shutdown.answer", "答复关停"
    RUN_DETECTION = "detect.run", "文本检测"
    MANAGE_INDICATORS = "indicators.manage", "管理涉案标识"
    RUN_TELECOM = "telecom.run", "通信分析"
    WRITE_OUTREACH = "outreach.write", "宣传登记"
    EXPORT = "data.export", "导出数据"
