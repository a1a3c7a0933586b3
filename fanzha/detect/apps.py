from django.apps import AppConfig


class DetectConfig(AppConfig):
    name = "fanzha.detect"
    label = "detect"
    verbose_name = "文本检测与涉案标识"

    def ready(self) -> None:
        from fanzha.core import demo
        from fanzha.detect import demo as detect_demo

        demo.register("detect", detect_demo.generate, after=("org",))
