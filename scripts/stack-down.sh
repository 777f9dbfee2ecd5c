#!/usr/bin/env bash
# Stops what stack-up started: the web app, the collector, VictoriaMetrics, the mock clients' ping
# loops, and removes the stack's network namespaces (with their WireGuard
# interfaces). Nothing else is touched. With --purge also drops its database and its .stack/ state.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source scripts/stack-network.sh

state=.stack
stop_pidfile "$state/web.pid"
log "Web app stopped"
stack_network_down "$state"
log "Collector, mock clients and namespaces ($(stack_namespaces | tr '\n' ' ' | sed 's/ $//')) removed"
if [ "${1:-}" = "--purge" ] && [ -f "$state/wiregui.env" ]; then
  set -a; source "$state/wiregui.env"; set +a
  db_name=$(node -e 'console.log(new URL(process.env.DATABASE_URL).pathname.slice(1))')
  admin_db_url=$(node -e 'const u = new URL(process.env.DATABASE_URL); u.pathname = "/postgres"; console.log(u.toString())')
  psql "$admin_db_url" -qc "DROP DATABASE IF EXISTS \"$db_name\" WITH (FORCE)"
  rm -rf "$state"
  log "Dropped database $db_name and removed $state/"
fi
