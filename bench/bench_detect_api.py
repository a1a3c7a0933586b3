"""POST /api/v1/detect latency under concurrent clients, against the real server (gunicorn).

    .venv/bin/python bench/bench_detect_api.py --clients 50 --requests 2000
    .venv/bin/python bench/bench_detect_api.py --clients 50 --load wrk --seconds 20

Starts `fanzha serve` on a throwaway SQLite database, issues a token, then has N clients send one
short text per request, back to back or with --think-ms between requests. Two load generators:
`python` (default) — the clients are threads spread over --client-procs processes, so the load
generator's own interpreter lock does not add to the latency it measures; `wrk` (Debian's wrk,
one thread, N connections, a Lua script per request) — it spends far less CPU per request, which
matters because either one shares the machine's two cores with the server. Figures are therefore
conservative. Prints p50/p95/p99 and throughput.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
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


_WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer %(token)s"
local bodies = %(bodies)s
local i = 0
request = function()
  i = i + 1
  return wrk.format(nil, "/api/v1/detect", nil, bodies[(i %% #bodies) + 1])
end
%(delay)s
done = function(summary, latency, requests)
  io.write(string.format("WRK %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
  local e = summary.errors
  io.write(string.format("WRKERR %%d %%d %%d %%d %%d\\n", e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def _run_wrk(
    port: int, token: str, clients: int, seconds: int, think_ms: float
) -> tuple[list[float], float, int]:
    """(p50, p95, p99, max) in seconds, the run's duration and its request count, measured by wrk."""
    # each body a Lua string literal (Lua reads the escapes of a JSON string except \u, hence raw UTF-8)
    body = lambda t: json.dumps(json.dumps({"text": t}, ensure_ascii=False), ensure_ascii=False)  # noqa: E731
    bodies = "{" + ", ".join(body(t) for t in TEXTS) + "}"
    delay = f"delay = function() return {round(think_ms)} end" if think_ms else ""
    script = _WRK_SCRIPT % {"token": token, "bodies": bodies, "delay": delay}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", encoding="utf-8") as lua:
        lua.write(script)
        lua.flush()
        cmd = ["wrk", "-t1", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "-s", lua.name]
        out = subprocess.run(
            [*cmd, f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True
        ).stdout
    fields = {
        line.split()[0]: [int(x) for x in line.split()[1:]] for line in out.splitlines() if line[:3] == "WRK"
    }
    if any(fields["WRKERR"]):
        raise SystemExit(f"wrk reported errors (connect, read, write, status, timeout): {fields['WRKERR']}")
    requests, duration_us, *lat = fields["WRK"]
    return [v / 1e6 for v in lat], duration_us / 1e6, requests


def _client_group(job: tuple[int, str, int, list[int], float]) -> list[list[float]]:
    """One load-generator process: a thread per client in its group."""
    port, token, per, clients, think = job
    with ThreadPoolExecutor(len(clients)) as pool:
        return list(pool.map(lambda c: _client(port, token, per, c, think), clients))


def _run_python(args: argparse.Namespace, token: str) -> tuple[list[float], float, int]:
    """(p50, p95, p99, max) in seconds, wall time and request count, measured by client threads."""
    per = max(1, args.requests // args.clients)
    start = time.perf_counter()
    procs = max(1, min(args.client_procs, args.clients))
    groups = [list(range(p, args.clients, procs)) for p in range(procs)]
    jobs = [(args.port, token, per, g, args.think_ms / 1000) for g in groups]
    with ProcessPoolExecutor(procs) as pool:
        runs = [run for group in pool.map(_client_group, jobs) for run in group]
    wall = time.perf_counter() - start
    times = sorted(t for run in runs for t in run)
    q = statistics.quantiles(times, n=100)
    return [q[49], q[94], q[98], times[-1]], wall, len(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=2000, help="in all, for the python load generator")
    ap.add_argument("--workers", type=int, default=2, help="as `fanzha serve` on 2 cores")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--port", type=int, default=8931)
    ap.add_argument("--client-procs", type=int, default=2, help="python load-generator processes")
    ap.add_argument(
        "--think-ms", type=float, default=0, help="pause of each client between requests (0: back to back)"
    )
    ap.add_argument("--load", choices=("python", "wrk"), default="python", help="load generator")
    ap.add_argument("--seconds", type=int, default=20, help="length of a wrk run")
    args = ap.parse_args()
    if args.load == "wrk" and shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt install wrk)")
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
            if args.load == "wrk":
                _run_wrk(args.port, token, args.clients, 3, 0)  # a short run first, not counted
                lat, wall, requests = _run_wrk(args.port, token, args.clients, args.seconds, args.think_ms)
            else:
                warm = argparse.Namespace(**{**vars(args), "requests": 5 * args.clients, "think_ms": 0})
                _run_python(warm, token)  # a short run first, not counted
                lat, wall, requests = _run_python(args, token)
        finally:
            server.terminate()
            server.wait(10)
    print(
        f"load={args.load} clients={args.clients} think={args.think_ms:g}ms requests={requests} "
        f"server_workers={args.workers}x{args.threads} threads"
    )
    p50, p95, p99, worst = (v * 1000 for v in lat)
    rate = requests / wall
    print(f"p50={p50:.1f}ms p95={p95:.1f}ms p99={p99:.1f}ms max={worst:.1f}ms throughput={rate:.0f}/s")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
