from django.apps import AppConfig


class CluesConfig(AppConfig):
    name = "fanzha.clues"
    label = "clues"
    verbose_name = "线索"

    def ready(self) -> None:
        from fanzha.clues import demo as clue_demo
        from fanzha.clues.home import clue_cards
        from fanzha.core import demo, homecards

        demo.register("clues", clue_demo.generate, after=("org",))
        homecards.register(clue_cards)
