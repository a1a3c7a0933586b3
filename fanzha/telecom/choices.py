from django.db import models


class FlagKind(models.TextChoices):
    FRAUD_CALLER = "fraud_caller", "涉诈主叫"
    SIMBOX_MEMBER = "simbox_member", "猫池号码"
    SLEEPING_CARD = "sleeping_card", "睡眠卡激活（需二次实人认证）"
    HANDSET_CHURN = "handset_churn", "频繁换机（需二次实人认证）"
