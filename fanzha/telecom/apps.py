from django.apps import AppConfig


class TelecomConfig(AppConfig):
    name = "fanzha.telecom"
    label = "telecom"
    verbose_name = "通信分析"
