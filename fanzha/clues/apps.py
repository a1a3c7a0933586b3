from django.apps import AppConfig


class CluesConfig(AppConfig):
    name = "fanzha.clues"
    label = "clues"
    verbose_name = "线索"
