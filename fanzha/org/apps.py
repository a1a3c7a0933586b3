from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "fanzha.org"
    label = "org"
    verbose_name = "单位"

    def ready(self) -> None:
        from fanzha.core import demo, homecards
        from fanzha.org import demo as org_demo
        from fanzha.org.home import unit_cards

        demo.register("org", org_demo.generate)
        homecards.register(unit_cards)
