"""`fanzha telecom generate|scan|eval ...` — call-record analytics (fanzha.telecom.analytics).

`scan --unit CODE` also loads the results into fanzha for that carrier's liaison page.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fanzha.core.context import acting_as
from fanzha.core.errors import DomainError
from fanzha.org.services import get_unit
from fanzha.telecom import services
from fanzha.telecom.analytics import cli

USAGE = "用法：fanzha telecom generate|scan|eval ...（--help 查看参数）"


class Command(BaseCommand):
    help = "通信数据分析：generate 生成模拟话单，scan 扫描（--unit 导入平台），eval 评估"

    def run_from_argv(self, argv: list[str]) -> None:
        args = argv[2:]
        if not args or args[0] not in ("generate", "scan", "eval"):
            self.stderr.write(USAGE)
            raise SystemExit(2)
        action, rest = args[0], args[1:]
        if action == "scan":
            raise SystemExit(self.scan(rest))
        raise SystemExit(cli.generate_main(rest) if action == "generate" else cli.eval_main(rest))

    def scan(self, args: list[str]) -> int:
        import django

        django.setup()
        unit_code = _pop_option(args, "--unit")
        code = cli.scan_main(args)
        if code != 0 or unit_code is None:
            return code
        out = _pop_option(list(args), "--out")
        try:
            with acting_as(channel="cli"):
                scan = services.load_scan(str(out), unit=get_unit(unit_code))
        except DomainError as exc:
            self.stderr.write(exc.message)
            return 2
        self.stderr.write(
            f"已导入平台：扫描 {scan.pk}，{scan.numbers.count()} 个号码，{scan.devices.count()} 台设备"
        )
        return 0

    def handle(self, *args: Any, **options: Any) -> None:
        raise CommandError(USAGE)


def _pop_option(args: list[str], name: str) -> str | None:
    """Removes `name VALUE` (or name=VALUE) from args and returns VALUE."""
    for i, arg in enumerate(args):
        if arg == name and i + 1 < len(args):
            value = args[i + 1]
            del args[i : i + 2]
            return value
        if arg.startswith(name + "="):
            del args[i]
            return arg.split("=", 1)[1]
    return None
