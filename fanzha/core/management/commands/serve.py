from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "以生产级服务器（gunicorn）启动平台"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        # Worker processes, one request at a time each (gunicorn's sync worker): requests are CPU
        # bound (detection, Excel), and threads inside one process only queue on the interpreter
        # lock, with long tails (bench/bench_detect_api.py: 2x8 threads p99 0.4-3 s, 4x1 0.16 s).
        cores = os.cpu_count() or 1
        default_workers = os.environ.get("FANZHA_WORKERS", str(min(2 * cores + 1, 9)))
        parser.add_argument("--workers", type=int, default=int(default_workers))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("FANZHA_THREADS", "1")))

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
            "--preload",  # fanzha.wsgi loads the detector once, shared by every worker
        ]  # fmt: skip
        self.stdout.flush()
        # gunicorn replaces this process, so a stop signal (Ctrl+C, systemd, a container runtime)
        # reaches its master directly instead of orphaning it.
        os.execv(sys.executable, argv)
