#!/usr/bin/env bash
# Runs a benchmark against a local PostgreSQL cluster kept in $FANZHA_BENCH_PG (default
# /tmp/fanzha-bench-pg), so a 1,000,000-row database is generated once and measured many times.
#   scripts/bench-postgres.sh bench/bench_cases.py --cases 1000000
#   FANZHA_BENCH_DB=clues scripts/bench-postgres.sh bench/bench_clues.py --clues 1000000
#   scripts/bench-postgres.sh stop
set -euo pipefail
cd "$(dirname "$0")/.."
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pg_bin" ] || { echo "bench-postgres: PostgreSQL is not installed (make deps-test installs it)" >&2; exit 1; }
root=${FANZHA_BENCH_PG:-/tmp/fanzha-bench-pg}
port=${FANZHA_PG_PORT:-55433}
db=${FANZHA_BENCH_DB:-fanzha}
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "${1:-}" = "stop" ]; then
  run_pg "$pg_bin/pg_ctl" -D "$root/data" -m fast stop
  exit 0
fi
if [ ! -d "$root/data" ]; then
  mkdir -p "$root" && chmod 755 "$root"
  [ "$(id -u)" -eq 0 ] && chown postgres "$root"
  run_pg "$pg_bin/initdb" -D "$root/data" -U fanzha --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! run_pg "$pg_bin/pg_ctl" -D "$root/data" status >/dev/null 2>&1; then
  # Settings of a small production server; fsync off only because the data is throwaway.
  run_pg "$pg_bin/pg_ctl" -D "$root/data" -l "$root/log" -w start -o "-p $port -k $root \
    -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=2GB -c work_mem=32MB \
    -c effective_cache_size=8GB -c random_page_cost=1.1 -c max_wal_size=4GB" >/dev/null
fi
run_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U fanzha "$db" 2>/dev/null || true
echo "bench-postgres: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, database $db ($root)"
FANZHA_ENV=development FANZHA_DEBUG=false FANZHA_DATABASE_URL="postgres://fanzha@127.0.0.1:$port/$db" \
  .venv/bin/python "$@"
