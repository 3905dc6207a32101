#!/usr/bin/env bash
# Start (idempotently) a private Redis for the tests: loopback only, its own port, no
# persistence, least-recently-used eviction like the production cache. Runs as root.
# Everything goes to stderr except the last line on stdout: the REDIS_URL to use.
set -euo pipefail

REDIS_ROOT=${REDIS_ROOT:-/tmp/redis-ci}
REDIS_PORT=${REDIS_PORT:-6380}

if ! command -v redis-server >/dev/null 2>&1; then
    echo "redis.sh: installing redis-server" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >&2
fi

install -d -m 755 "$REDIS_ROOT"

if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes \
        --save "" --appendonly no --dir "$REDIS_ROOT" \
        --maxmemory 64mb --maxmemory-policy allkeys-lru \
        --daemonize yes --pidfile "$REDIS_ROOT/redis.pid" --logfile "$REDIS_ROOT/redis.log" >&2
    for _ in $(seq 50); do
        redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
        sleep 0.1
    done
fi
redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null

echo "redis://127.0.0.1:$REDIS_PORT/0"
