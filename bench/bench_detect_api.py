"""POST /api/v1/detect latency under concurrent clients, against the real server (gunicorn).

    .venv/bin/python bench/bench_detect_api.py --clients 50 --requests 2000

Starts `fanzha serve` on a throwaway SQLite database, issues a token, then has N clients send one
short text per request, back to back or with --think-ms between requests. The clients are threads
spread over --client-procs processes, so the load generator's own interpreter lock does not add to
the latency it measures; it still shares the machine's cores with the server, so figures are
conservative. Prints p50/p95/p99 and throughput.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FANZHA = str(ROOT / ".venv" / "bin" / "fanzha")
TEXTS = [
    "您好，我是公安局的，您涉嫌洗钱，请把钱转到安全账户，联系13912345678",
    "【工商银行】您的验证码是123456，请勿泄露给他人。",
    "亲，刷单日结，一单返佣金20元，加微信abc12345详聊",
    "今晚开会改到七点，记得带上季度报表",
    "您的快递因地址不详无法派送，请点击 http://kd-refund.top 办理理赔",
]


def _env(tmp: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        FANZHA_ENV="development", FANZHA_DATA_DIR=tmp, FANZHA_DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3"
    )
    return env


def _setup(env: dict[str, str]) -> str:
    run = lambda *a: subprocess.run([FANZHA, *a], env=env, check=True, capture_output=True, text=True)  # noqa: E731
    run("init")
    run("demo", "--seed", "1")
    return run("token", "issue", "--username", "station_officer").stdout.strip()


def _wait(port: int) -> None:
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("server did not start")


def _client(port: int, token: str, count: int, offset: int, think: float = 0.0) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    times = []
    for i in range(count):
        body = json.dumps({"text": TEXTS[(offset + i) % len(TEXTS)]})
        start = time.perf_counter()
        conn.request("POST", "/api/v1/detect", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        times.append(time.perf_counter() - start)
        if response.status != 200:
            raise SystemExit(f"HTTP {response.status}")
        if think:
            time.sleep(think)
    return times


def _client_group(job: tuple[int, str, int, list[int], float]) -> list[list[float]]:
    """One load-generator process: a thread per client in its group."""
    port, token, per, clients, think = job
    with ThreadPoolExecutor(len(clients)) as pool:
        return list(pool.map(lambda c: _client(port, token, per, c, think), clients))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=5, help="as `fanzha serve` on 2 cores")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--port", type=int, default=8931)
    ap.add_argument("--client-procs", type=int, default=2, help="load-generator processes")
    ap.add_argument(
        "--think-ms", type=float, default=0, help="pause of each client between requests (0: back to back)"
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(tmp)
        token = _setup(env)
        serve = [
            "serve",
            "--port",
            str(args.port),
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
        ]
        server = subprocess.Popen(
            [FANZHA, *serve], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            _wait(args.port)
            _client(args.port, token, 20, 0)  # warm the model in the workers
            per = max(1, args.requests // args.clients)
            start = time.perf_counter()
            procs = max(1, min(args.client_procs, args.clients))
            groups = [list(range(p, args.clients, procs)) for p in range(procs)]
            jobs = [(args.port, token, per, g, args.think_ms / 1000) for g in groups]
            with ProcessPoolExecutor(procs) as pool:
                runs = [run for group in pool.map(_client_group, jobs) for run in group]
            wall = time.perf_counter() - start
        finally:
            server.terminate()
            server.wait(10)
    times = sorted(t for run in runs for t in run)
    q = statistics.quantiles(times, n=100)
    print(
        f"clients={args.clients} think={args.think_ms:g}ms requests={len(times)} "
        f"server_workers={args.workers}x{args.threads} threads"
    )
    p50, p95, p99 = (q[i] * 1000 for i in (49, 94, 98))
    print(f"p50={p50:.1f}ms p95={p95:.1f}ms p99={p99:.1f}ms throughput={len(times) / wall:.0f}/s")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
