#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 + PostGIS cluster for the integration tests and print its DATABASE_URL.
#   eval "$(bash scripts/pg-test-cluster.sh)"      # exports DATABASE_URL (and FARMLAND_PG_DIR for stopping)
#   bash scripts/pg-test-cluster.sh stop DIR        # stop a cluster started earlier
# The cluster lives in a temp directory, runs as the `postgres` user on a free local port (never 5432), listens on
# 127.0.0.1 only and trusts local connections: it is for tests, not for data you keep.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ "${1:-}" = stop ]; then
  su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D '$2/data' -m fast stop" >/dev/null
  rm -rf "$2"
  exit 0
fi
DB=${FARMLAND_TEST_DB:-farmland_test}
DIR=$(mktemp -d /tmp/farmland-pg.XXXXXX)
chown postgres "$DIR"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 54329)
su postgres -s /bin/sh -c "$PGBIN/initdb -D '$DIR/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
# serving settings from docs/scale.md: no JIT, no parallel gather for many small queries
su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D '$DIR/data' -l '$DIR/log' -w -o \"-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c jit=off -c max_parallel_workers_per_gather=0 -c fsync=off\" start" >/dev/null
psql -h 127.0.0.1 -p "$PORT" -U postgres -q -c "CREATE DATABASE $DB" >/dev/null
psql -h 127.0.0.1 -p "$PORT" -U postgres -d "$DB" -q -c 'CREATE EXTENSION postgis' >/dev/null
echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/$DB"
echo "export FARMLAND_PG_DIR=$DIR"
