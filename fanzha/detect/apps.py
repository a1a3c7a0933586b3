from django.apps import AppConfig


class DetectConfig(AppConfig):
    name = "fanzha.detect"
    label = "detect"
    verbose_name = "文本检测与涉案标识"
