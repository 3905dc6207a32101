#!/usr/bin/env bash
# Start (idempotently) a private PostgreSQL 15 cluster for the tests and make sure the
# `nightlife` role and database exist. Runs as root; the server runs as the postgres user.
# Everything goes to stderr except the last line on stdout: the DATABASE_URL to use.
set -euo pipefail

PGBIN=/usr/lib/postgresql/15/bin
PGROOT=${PGROOT:-/tmp/pg-ci}
PGPORT=${PGPORT:-5433}
DB_NAME=nightlife
DB_USER=nightlife
DB_PASSWORD=nightlife

if [ ! -x "$PGBIN/postgres" ]; then
    echo "postgres.sh: installing postgresql" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

install -d -m 755 "$PGROOT"
install -d -o postgres -g postgres -m 700 "$PGROOT/data"
install -d -o postgres -g postgres -m 755 "$PGROOT/sock" "$PGROOT/log"

if [ ! -s "$PGROOT/data/PG_VERSION" ]; then
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGROOT/data" -U postgres -E UTF8 \
        --locale=C.UTF-8 --auth-local=peer --auth-host=scram-sha-256 >&2
fi

if ! runuser -u postgres -- "$PGBIN/pg_isready" -q -h "$PGROOT/sock" -p "$PGPORT"; then
    # A pid file left by a server that no longer runs (a machine restored from a snapshot, a
    # killed session) stops PostgreSQL from starting when its PID now belongs to another process.
    pidfile="$PGROOT/data/postmaster.pid"
    if [ -f "$pidfile" ]; then
        pid=$(head -n 1 "$pidfile")
        if ! ps -p "$pid" -o comm= 2>/dev/null | grep -qx postgres; then
            echo "postgres.sh: removing stale $pidfile (PID $pid is not a running postgres)" >&2
            rm -f "$pidfile"
        fi
    fi
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/log/pg.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT/sock" start >&2
fi

# As postgres over the socket (peer auth). CREATEDB lets pytest-django make its test database.
runuser -u postgres -- "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 \
    -h "$PGROOT/sock" -p "$PGPORT" -d postgres \
    -v db_name="$DB_NAME" -v db_user="$DB_USER" -v db_password="$DB_PASSWORD" >&2 <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'db_user', :'db_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'db_user')
\gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db_name', :'db_user')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db_name')
\gexec
SQL

echo "postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PGPORT/$DB_NAME"
