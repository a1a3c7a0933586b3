from django.db import models


class ClueSource(models.TextChoices):
    MINISTRY = "ministry", "部推"
    PROVINCE = "province", "省厅"
    CITY = "city", "市局"
    LOCAL = "local", "本地"
    CARRIER = "carrier", "运营商"
    BANK = "bank", "银行"
    PUBLIC = "public", "群众举报"


class Priority(models.TextChoices):
    CRITICAL = "critical", "特急"
    URGENT = "urgent", "紧急"
    NORMAL = "normal", "一般"


class ClueStatus(models.TextChoices):
    NEW = "new", "待下发"
    DISPATCHED = "dispatched", "已下发待签收"
    ASSESSING = "assessing", "研判核查中"
    FEEDBACK = "feedback", "已反馈"
    CLOSED = "closed", "已办结"


OPEN_STATUSES = (ClueStatus.NEW, ClueStatus.DISPATCHED, ClueStatus.ASSESSING)


class FeedbackResult(models.TextChoices):
    CONFIRMED = "confirmed", "查实"
    UNFOUNDED = "unfounded", "不实"
    ARRESTED = "arrested", "已抓获"
    TRANSFERRED = "transferred", "已移交"
    UNVERIFIABLE = "unverifiable", "无法核查"


class Level(models.TextChoices):
    """The level of the unit a hop is addressed to; deadlines are configured per level."""

    CITY = "city", "市局"
    DISTRICT = "district", "分局"
    STATION = "station", "派出所"


class DueKind(models.TextChoices):
    DISPATCH = "dispatch", "下发"
    ACKNOWLEDGE = "acknowledge", "签收"
    ASSESS = "assess", "研判"
    FEEDBACK = "feedback", "反馈"
