from django.apps import AppConfig


class FreezeConfig(AppConfig):
    name = "fanzha.freeze"
    label = "freeze"
    verbose_name = "止付冻结与关停"
