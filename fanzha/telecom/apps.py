from django.apps import AppConfig


class TelecomConfig(AppConfig):
    name = "fanzha.telecom"
    label = "telecom"
    verbose_name = "通信分析"

    def ready(self) -> None:
        from fanzha.core import demo
        from fanzha.telecom import demo as telecom_demo

        demo.register("telecom", telecom_demo.generate, after=("org",))
