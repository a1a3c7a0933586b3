from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "应用数据库迁移并准备运行目录（可重复执行）"

    def handle(self, *args: Any, **options: Any) -> None:
        call_command(
            "migrate", interactive=False, verbosity=options["verbosity"] - 1 if options["verbosity"] else 0
        )
        self.stdout.write(self.style.SUCCESS("数据库已就绪"))
