#!/usr/bin/env bash
# Runs the database tests against a throwaway PostgreSQL cluster on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ]; then
  echo "test-postgres: PostgreSQL is not installed (make deps-test installs it)" >&2
  exit 1
fi
port=${FANZHA_PG_PORT:-55432}
root=$(mktemp -d /tmp/fanzha-pg.XXXXXX)
chmod 755 "$root"
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$root"
cleanup() { run_pg "$pg_bin/pg_ctl" -D "$root/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$root"; }
trap cleanup EXIT
run_pg "$pg_bin/initdb" -D "$root/data" -U fanzha --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$root/data" -o "-p $port -k $root -c listen_addresses=127.0.0.1 -c fsync=off" \
  -l "$root/log" -w start >/dev/null
export FANZHA_DATABASE_URL="postgres://fanzha@127.0.0.1:$port/fanzha"
run_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U fanzha fanzha
echo "test-postgres: PostgreSQL $($pg_bin/postgres --version | awk '{print $3}') on 127.0.0.1:$port"
FANZHA_DB_TESTS_ONLY=1 .venv/bin/pytest -n 2 --dist loadgroup "$@"
