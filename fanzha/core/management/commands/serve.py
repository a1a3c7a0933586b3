from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "以生产级服务器（gunicorn）启动平台"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("FANZHA_WORKERS", "2")))
        parser.add_argument("--threads", type=int, default=4)

    def handle(self, *args: Any, **options: Any) -> None:
        bind = f"{options['host']}:{options['port']}"
        self.stdout.write(f"反诈平台已启动：http://{bind}/  （Ctrl+C 停止）")
        argv = [
            sys.executable, "-m", "gunicorn", "fanzha.wsgi:application",
            "--bind", bind,
            "--workers", str(options["workers"]),
            "--threads", str(options["threads"]),
            "--access-logfile", "-",
            "--timeout", "120",
        ]  # fmt: skip
        raise SystemExit(subprocess.call(argv))
