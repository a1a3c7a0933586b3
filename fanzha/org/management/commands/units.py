from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fanzha.org.models import OrgUnit


class Command(BaseCommand):
    help = "单位管理：units list [--kind KIND]"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="列出单位树")
        listing.add_argument("--kind", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        units = OrgUnit.objects.all()
        if options["kind"]:
            units = units.filter(kind=options["kind"])
        for unit in units:
            self.stdout.write(f"{'  ' * unit.depth}{unit.code}\t{unit.name}\t{unit.get_kind_display()}")
