from django.apps import AppConfig


class FreezeConfig(AppConfig):
    name = "fanzha.freeze"
    label = "freeze"
    verbose_name = "止付冻结与关停"

    def ready(self) -> None:
        from fanzha.core import demo, homecards
        from fanzha.freeze import demo as freeze_demo
        from fanzha.freeze.home import freeze_cards

        demo.register("freeze", freeze_demo.generate, after=("cases",))
        homecards.register(freeze_cards)
