"""Detection benchmark: model load time, CLI throughput on short texts, resident memory.

Run: ``.venv/bin/python bench/bench_detect.py [--n 20000] [--workers 2]``. Prints figures;
docs/benchmarks.md records them with the machine they ran on.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import resource
import time

from fanzha.detect.engine import cli
from fanzha.detect.engine.detector import Detector, default_model_path
from fanzha.detect.engine.model import load_artifact
from fanzha.detect.engine.synth import generate


def short_texts(n: int) -> list[str]:
    pool = [s.text for s in generate(seed=7) if len(s.text) <= 120]
    rng = random.Random(0)
    return [rng.choice(pool) for _ in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--model", default=None, help="model file (default: the shipped one)")
    args = ap.parse_args()
    model_path = args.model or str(default_model_path())
    load_avg = os.getloadavg()[0]
    started = time.perf_counter()
    detector = Detector(load_artifact(model_path))
    load_s = time.perf_counter() - started
    texts = short_texts(args.n)
    data = "\n".join(
        json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in enumerate(texts)
    ).encode()
    detector.detect_many(texts[:200])  # warm-up (character tables, regex compilation)
    started = time.perf_counter()
    for i in range(0, min(args.n, 5000), 1000):
        detector.detect_many(texts[i : i + 1000])
    in_process = min(args.n, 5000) / (time.perf_counter() - started)
    out = io.StringIO()
    started = time.perf_counter()
    cli.run_detect(io.BytesIO(data), out, workers=args.workers, progress=False, model_path=args.model)
    elapsed = time.perf_counter() - started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(f"load average at start: {load_avg:.1f}")
    print(f"model load: {load_s:.2f} s ({os.path.getsize(model_path) / 1e6:.1f} MB file)")
    print(f"in-process detect_many, 1 core: {in_process:.0f} texts/s")
    print(
        f"CLI: {args.n} short texts (avg {sum(map(len, texts)) / len(texts):.0f} chars) in {elapsed:.2f} s "
        f"= {args.n / elapsed:.0f} texts/s with {args.workers} workers"
    )
    print(f"peak RSS (main process): {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
