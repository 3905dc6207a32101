#!/usr/bin/env bash
# Two gunicorn instances on two loopback ports behind Debian's nginx, sharing one PostgreSQL
# and one Redis: the set-up of docs/deploy.md, shrunk onto this machine. Shows that every
# request through nginx, whichever instance answers, sees an editor's change at once.
#
#   bash deploy/two-instances.sh          # run the demonstration, then stop everything
#   bash deploy/two-instances.sh --keep   # leave it running (stop: bash deploy/two-instances.sh --stop)
#
# Runs as root (PostgreSQL and Redis as in .ci/). Everything it writes goes to $SCRATCH.
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH=${SCRATCH:-/tmp/nightlife-two}
NGINX_PORT=${NGINX_PORT:-8300}
PORTS=(${PORT_A:-8301} ${PORT_B:-8302})
PY=.venv/bin/python
GUNICORN=.venv/bin/gunicorn

stop() {
    [ -s "$SCRATCH/nginx.pid" ] && nginx -p "$SCRATCH" -c "$SCRATCH/nginx.conf" -s quit 2>/dev/null || true
    for port in "${PORTS[@]}"; do
        [ -s "$SCRATCH/gunicorn-$port.pid" ] && kill "$(cat "$SCRATCH/gunicorn-$port.pid")" 2>/dev/null || true
    done
    sleep 1
}
if [ "${1:-}" = "--stop" ]; then stop; echo "stopped"; exit 0; fi

command -v nginx >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; }
[ -x "$GUNICORN" ] || make install
mkdir -p "$SCRATCH/logs" "$SCRATCH/tmp" "$SCRATCH/cache"
stop

# --- one PostgreSQL, one Redis --------------------------------------------------------------
PG_URL=$(bash .ci/postgres.sh 2>/dev/null | tail -n 1)
DB_URL=${PG_URL%/*}/nightlife_two
$PY - "$PG_URL" <<'PYTHON'
import sys, psycopg2
connection = psycopg2.connect(sys.argv[1]); connection.autocommit = True
cursor = connection.cursor()
cursor.execute("SELECT 1 FROM pg_database WHERE datname = 'nightlife_two'")
if not cursor.fetchone():
    cursor.execute("CREATE DATABASE nightlife_two")
PYTHON
REDIS_URL=$(bash .ci/redis.sh 2>/dev/null | tail -n 1)

export DATABASE_URL=$DB_URL REDIS_URL CACHE_KEY_PREFIX=two-instances
export SECRET_KEY=${SECRET_KEY:-$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')}
# nginx compresses (gzip), so the app does not (COMPRESS_RESPONSES=false).
export DEBUG=false HTTPS=false BEHIND_PROXY=true COMPRESS_RESPONSES=false ALLOWED_HOSTS=127.0.0.1,localhost WEB_CONCURRENCY=2
echo "== release steps (once, from either host)"
$PY manage.py migrate --noinput -v0
$PY manage.py collectstatic --noinput -v0
$PY manage.py load_plan
$PY manage.py shell -v0 -c "
from venues.models import Venue
v = Venue.objects.get(slug='xigong-xiaojie'); v.name = '西工小街'; v.save()"

# --- two instances -----------------------------------------------------------------------
for port in "${PORTS[@]}"; do
    BIND=127.0.0.1:$port $GUNICORN nightlife.wsgi -c deploy/gunicorn.conf.py \
        --pid "$SCRATCH/gunicorn-$port.pid" --daemon --access-logfile "$SCRATCH/logs/access-$port.log" \
        --error-logfile "$SCRATCH/logs/error-$port.log"
done

# --- nginx in front --------------------------------------------------------------------------
sed -e "s#@SCRATCH@#$SCRATCH#g" -e "s#@NGINX_PORT@#$NGINX_PORT#g" -e "s#@STATIC@#$PWD/staticfiles#g" \
    -e "s#@UPSTREAM_A@#127.0.0.1:${PORTS[0]}#g" -e "s#@UPSTREAM_B@#127.0.0.1:${PORTS[1]}#g" \
    deploy/nginx-two-instances.conf > "$SCRATCH/nginx.conf"
nginx -t -q -p "$SCRATCH" -c "$SCRATCH/nginx.conf"
nginx -p "$SCRATCH" -c "$SCRATCH/nginx.conf"

BASE=http://127.0.0.1:$NGINX_PORT
for _ in $(seq 100); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz")" = 200 ] && break
    sleep 0.1
done
[ "${1:-}" = "--keep" ] || trap stop EXIT

# What one request through nginx shows: the instance that answered and the venue's name.
show() {
    curl -s -D "$SCRATCH/headers" -o "$SCRATCH/body" "$BASE/venues/xigong-xiaojie/"
    printf '  %s  served by %s (nginx cache: %s)  <h1>%s</h1>\n' \
        "$(head -n 1 "$SCRATCH/headers" | tr -d '\r')" \
        "$(grep -i '^x-upstream:' "$SCRATCH/headers" | cut -d' ' -f2 | tr -d '\r')" \
        "$(grep -i '^x-cache:' "$SCRATCH/headers" | cut -d' ' -f2 | tr -d '\r')" \
        "$(grep -o '<h1[^>]*>[^<]*' "$SCRATCH/body" | sed 's/<h1[^>]*>//')"
}
edit() {  # an editor's save, in a process of its own (the admin's save sends the same signals)
    $PY manage.py shell -v0 -c "
from venues.models import Venue
v = Venue.objects.get(slug='xigong-xiaojie'); v.name = '$1'; v.save()"
    sleep 1.1  # nginx's microcache keeps a page one second
}

echo "== health through nginx: $(curl -s "$BASE/healthz")"
echo "== four requests through nginx, a second apart (round robin over both instances, pages cached in Redis)"
for _ in 1 2 3 4; do show; sleep 1.1; done
echo "== four at once: nginx's microcache answers for a second"
for _ in 1 2 3 4; do show; done
echo "== a change behind Django's back (plain SQL, no signal): both keep serving the cached page"
echo "   (pages live until the next minute at most, so a request after that would show it)"
$PY manage.py shell -v0 -c "
from django.db import connection
connection.cursor().execute(\"UPDATE venues_venue SET name = '没人知道的名字' WHERE slug = 'xigong-xiaojie'\")"
for _ in 1 2; do show; done
echo "== an editor renames the venue to 西工小街·夜市"
edit '西工小街·夜市'
for _ in 1 2 3 4; do show; done
echo "== and back to 西工小街"
edit '西工小街'
for _ in 1 2 3 4; do show; done
echo "== security headers as nginx passes them on"
curl -s -D - -o /dev/null "$BASE/" | grep -iE '^(content-security-policy|x-frame-options|x-content-type-options|referrer-policy|cache-control):' | tr -d '\r' | sed 's/^/  /'
echo "== the static files come from nginx: $(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$BASE/static/css/site.css")"
if [ "${1:-}" = "--keep" ]; then
    echo "Running at $BASE (stop: bash deploy/two-instances.sh --stop)"
fi
