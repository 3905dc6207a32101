#!/usr/bin/env bash
# What `make test` needs beyond Python, checked in a second: Chromium (the browser tests) and a
# CJK font (readable Chinese screenshots); `.ci/run` adds the services CI starts:
#   bash .ci/system-packages.sh [postgresql] [redis-server] [gettext]
# As root with apt-get (CI, a fresh Debian machine) it installs what is missing; elsewhere it
# stops with one line naming what is missing and how to get it.
set -euo pipefail

chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
need=()
[ -x "$chromium" ] || need+=(chromium)
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
for extra in "$@"; do
    case "$extra" in
        postgresql) [ -x /usr/lib/postgresql/15/bin/postgres ] || need+=(postgresql) ;;
        redis-server) command -v redis-server >/dev/null 2>&1 || need+=(redis-server) ;;
        gettext) command -v msgfmt >/dev/null 2>&1 || need+=(gettext) ;;
        *) echo "system-packages.sh: unknown package '$extra'" >&2; exit 2 ;;
    esac
done
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${need[*]} (apt-get, about a minute)" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
    exit 0
fi
if [ "${need[*]}" = fonts-wqy-microhei ]; then
    echo "note: no CJK font (sudo apt-get install fonts-wqy-microhei): Chinese screenshots will show boxes" >&2
    exit 0
fi
echo "make test needs ${need[*]}: sudo apt-get install ${need[*]} (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary" >&2
exit 1
