from django.db import models


class IndicatorKind(models.TextChoices):
    PHONE = "phone", "电话号码"
    BANK_ACCOUNT = "bank_account", "银行账号"
    URL = "url", "网址"
    DOMAIN = "domain", "域名"
    IP = "ip", "IP地址"
    QQ = "qq", "QQ号"
    WECHAT = "wechat", "微信号"
    ALIPAY = "alipay", "支付宝账号"
    APP = "app", "APP"
    IMEI = "imei", "IMEI"
    IMSI = "imsi", "IMSI"


class SightingSource(models.TextChoices):
    DETECT = "detect", "文本检测"
    CASE = "case", "案件"
    CLUE = "clue", "线索"
    IMPORT = "import", "导入"
    MANUAL = "manual", "手工录入"
    TELECOM = "telecom", "通信分析"
