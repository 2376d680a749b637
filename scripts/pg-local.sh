#!/usr/bin/env bash
# A local PostgreSQL server for trying the store by hand (the tests start their own throwaway one).
#   scripts/pg-local.sh start [DIR] [PORT]   → prints the URL to pass as --db
#   scripts/pg-local.sh stop  [DIR]
# Runs as the postgres system user when started as root (initdb refuses root). Listens on 127.0.0.1 only.
set -euo pipefail
action=${1:-start}
dir=${2:-$PWD/.pg}
port=${3:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL not installed: run make system-deps" >&2; exit 1; }
as_owner=()
if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u postgres --); fi
case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 >/dev/null
    fi
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
    "${as_owner[@]}" "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname='newsfuse'" | grep -q 1 \
      || "${as_owner[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres newsfuse
    echo "postgresql://postgres@127.0.0.1:$port/newsfuse"
    ;;
  stop)
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *) echo "usage: $0 start|stop [DIR] [PORT]" >&2; exit 2 ;;
esac
