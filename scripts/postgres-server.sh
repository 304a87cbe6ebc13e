#!/usr/bin/env bash
# A throwaway PostgreSQL server on a Unix socket for the test suite (no TCP port, trust auth):
#   scripts/postgres-server.sh start DIR   prints the connection URL on stdout
#   scripts/postgres-server.sh stop DIR
# It runs Debian's server binaries as the "postgres" user when started by root.
set -euo pipefail
action=${1:?start or stop}; dir=$(realpath -m "${2:?a folder for the cluster}")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/pg_ctl" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
case $action in
  start)
    mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres "$dir"
    [ -f "$dir/data/PG_VERSION" ] || as_owner "'$bin/initdb' -D '$dir/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
    as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-k '$dir' -c listen_addresses='' -c fsync=off\" start" >/dev/null
    echo "postgresql://postgres@/postgres?host=$dir" ;;
  stop)
    as_owner "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop" >/dev/null ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
