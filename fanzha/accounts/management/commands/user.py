from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fanzha.accounts import services
from fanzha.accounts.choices import Role
from fanzha.core.context import acting_as
from fanzha.core.errors import DomainError
from fanzha.org.services import get_unit


class Command(BaseCommand):
    help = "用户管理：user create | reset-password"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="新建用户")
        create.add_argument("--username", required=True)
        create.add_argument("--password", required=True)
        create.add_argument("--role", required=True, choices=Role.values)
        create.add_argument("--unit", required=True, help="单位代码")
        create.add_argument("--full-name", default="")
        reset = sub.add_parser("reset-password", help="重置密码并解除锁定")
        reset.add_argument("--username", required=True)
        reset.add_argument("--password", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with acting_as(channel="cli"):
                if options["action"] == "create":
                    user = services.create_user(
                        username=options["username"],
                        password=options["password"],
                        role=options["role"],
                        unit=get_unit(options["unit"]),
                        full_name=options["full_name"],
                    )
                    self.stdout.write(f"已创建用户 {user.username}（{user.get_role_display()}）")
                else:
                    user = services.get_user(options["username"])
                    services.set_password(user, options["password"], reason="命令行重置密码")
                    self.stdout.write(f"已重置 {user.username} 的密码")
        except DomainError as exc:
            raise CommandError(exc.message) from exc
