from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from fanzha.core import demo
from fanzha.core.context import acting_as
from fanzha.org.models import OrgUnit


class Command(BaseCommand):
    help = "生成演示数据（虚构的“示例市”），同一 seed 生成相同数据"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--scale", type=float, default=1.0, help="业务数据量的倍数（单位与用户不变）")
        parser.add_argument("--if-empty", action="store_true", help="数据库已有单位时什么也不做")

    def handle(self, *args: Any, **options: Any) -> None:
        if OrgUnit.objects.exists():
            if options["if_empty"]:
                self.stdout.write("数据库已有数据，保留现有数据，不再生成演示数据")
                self._print_logins()
                return
            raise CommandError("数据库已有数据；演示数据只能生成到空数据库（或加 --if-empty）")
        with acting_as(channel="cli"), transaction.atomic():
            demo.run_all(options["seed"], options["scale"], log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("演示数据已生成"))
        self._print_logins()

    def _print_logins(self) -> None:
        from fanzha.accounts.models import User
        from fanzha.org.demo import DEMO_PASSWORD

        shown: set[str] = set()
        lines = []
        for user in User.objects.select_related("unit").order_by("id"):
            if user.role in shown or not user.check_password(DEMO_PASSWORD):
                continue
            shown.add(user.role)
            lines.append(
                f"  {user.get_role_display():<8} {user.username:<20} {user.unit.name if user.unit else ''}"
            )
        if lines:
            self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
            self.stdout.write("\n".join(lines))
