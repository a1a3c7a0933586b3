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
        # One worker process per core, one request at a time each (gunicorn's sync worker):
        # requests are CPU bound (detection, Excel) and SQLite answers inside the process, so a
        # worker rarely waits. Threads inside one process only queue on the interpreter lock (2x8
        # threads: p99 0.4-3 s), and more processes than cores take turns on them and lose their
        # caches (bench/bench_detect_api.py on 2 cores, 50 clients, wrk: 5 workers 1,040-1,180
        # requests/s, p99 68-72 ms; 2 workers 1,270-1,640/s, 43-65 ms). With PostgreSQL on another
        # host a worker waits on the network, and FANZHA_WORKERS=2x cores + 1 uses those waits.
        cores = os.cpu_count() or 1
        default_workers = os.environ.get("FANZHA_WORKERS", str(min(max(2, cores), 16)))
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
