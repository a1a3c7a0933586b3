from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "fanzha.cases"
    label = "cases"
    verbose_name = "案件"

    def ready(self) -> None:
        from fanzha.cases import demo as cases_demo
        from fanzha.cases.home import case_cards
        from fanzha.core import demo, homecards

        demo.register("cases", cases_demo.generate, after=("org",))
        homecards.register(case_cards)
