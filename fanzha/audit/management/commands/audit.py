from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fanzha.audit import services


class Command(BaseCommand):
    help = "审计日志：audit verify（校验哈希链）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="逐条校验哈希链，发现篡改时以非零状态退出")

    def handle(self, *args: Any, **options: Any) -> None:
        result = services.verify()
        if not result.ok:
            where = f"第 {result.broken_id} 条" if result.broken_id else "链尾"
            raise CommandError(f"审计日志校验失败：{where}，{result.reason}（此前 {result.checked} 条完好）")
        self.stdout.write(self.style.SUCCESS(f"审计日志完好：共 {result.checked} 条记录"))
