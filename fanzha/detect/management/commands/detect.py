"""`fanzha detect` — JSONL in, JSONL out (known indicators marked from the store);
`fanzha detect train --data PATH...` and `fanzha detect eval --data PATH` wrap the engine."""

from __future__ import annotations

import json
import sys
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError

from fanzha.detect.engine import cli as engine_cli
from fanzha.detect.models import Indicator


class KnownMarker:
    """Wraps the output stream: marks each indicator that is in the store as known."""

    def __init__(self, out: IO[str], known: set[tuple[str, str]]) -> None:
        self.out, self.known = out, known

    def write(self, line: str) -> int:
        stripped = line.rstrip("\n")
        if not stripped or stripped.startswith('{"line"') or not self.known:
            return self.out.write(line)
        record = json.loads(stripped)
        for ind in record.get("indicators", []):
            ind["known"] = ind.get("known") or (ind["kind"], ind["value"]) in self.known
        return self.out.write(json.dumps(record, ensure_ascii=False) + "\n")

    def flush(self) -> None:
        self.out.flush()


class Command(BaseCommand):
    help = "诈骗文本检测：fanzha detect [--input F] [--output F]；fanzha detect train|eval --data PATH..."

    def run_from_argv(self, argv: list[str]) -> None:
        # The engine owns its argument parsing; Django only routes `fanzha detect ...` here.
        args = argv[2:]
        if args[:1] == ["train"]:
            raise SystemExit(engine_cli.train_main(args[1:]))
        if args[:1] == ["eval"]:
            raise SystemExit(engine_cli.eval_main(args[1:]))
        raise SystemExit(self.detect(args))

    def detect(self, args: list[str]) -> int:
        import django

        django.setup()
        known = set(Indicator.objects.values_list("kind", "value"))
        real_stdout = sys.stdout
        output = _option(args, "--output")
        if output is None:
            sys.stdout = KnownMarker(real_stdout, known)
            try:
                return engine_cli.detect_main(args)
            finally:
                sys.stdout = real_stdout
        code = engine_cli.detect_main(args)
        _mark_file(output, known)
        return code

    def handle(self, *args: Any, **options: Any) -> None:
        raise CommandError("请通过 fanzha detect 运行")


def _option(args: list[str], name: str) -> str | None:
    for i, arg in enumerate(args):
        if arg == name and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def _mark_file(path: str, known: set[tuple[str, str]]) -> None:
    if not known:
        return
    with open(path, encoding="utf-8") as src:
        lines = src.readlines()
    with open(path, "w", encoding="utf-8") as dst:
        marker = KnownMarker(dst, known)
        for line in lines:
            marker.write(line)
