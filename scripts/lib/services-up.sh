#!/bin/sh
# Make PostgreSQL (127.0.0.1:5432, trust) and Redis (127.0.0.1:6379) available:
# reuse running ones, else start throwaway ones that keep nothing.
set -eu
STATE=${SERVICES_STATE:-/tmp/ocop-trace-services}
mkdir -p "$STATE"
PGPORT=${PGPORT:-5432}
REDIS_PORT=${REDIS_PORT:-6379}

apt_install() {
  [ -f /var/lib/apt/periodic/ocop-updated ] || { apt-get update -qq && mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/ocop-updated; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
}

if psql -w -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
  echo "postgres: running on $PGPORT"
else
  command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGDATA="$STATE/pgdata"
  mkdir -p "$PGDATA" && chown postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
  [ -f "$PGDATA/PG_VERSION" ] || runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  echo "postgres: started a throwaway cluster on $PGPORT ($PGDATA)"
fi

if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
  echo "redis: running on $REDIS_PORT"
else
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --dir "$STATE" \
    --pidfile "$STATE/redis.pid" --logfile "$STATE/redis.log" --save '' --appendonly no
  i=0
  until redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; do
    i=$((i + 1)); [ $i -gt 100 ] && { echo "redis did not start"; exit 1; }; sleep 0.05
  done
  echo "redis: started on $REDIS_PORT"
fi
