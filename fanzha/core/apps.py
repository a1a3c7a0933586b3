from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fanzha.core"
    label = "core"
    verbose_name = "基础"
