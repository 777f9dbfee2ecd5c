#!/usr/bin/env bash
# Playwright's web server: a fresh e2e database, the real setup command, then, as root, a small data
# plane of its own (a WireGuard server namespace with one mock client pinging through the tunnel,
# VictoriaMetrics and the collector with metrics on: "wgue" names, beside a running local stack),
# then the built app. e2e/teardown.ts removes the data plane; the next run starts by doing the same.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
export STACK_PREFIX=wgue STACK_CLIENT_COUNT=1
source scripts/stack-network.sh
state=.e2e-stack
vm_port=${E2E_VM_PORT:-8438}

db_name=$(node -e 'console.log(new URL(process.env.DATABASE_URL).pathname.slice(1))')
admin_url=$(node -e 'const u = new URL(process.env.DATABASE_URL); u.pathname = "/postgres"; console.log(u.toString())')
psql "$admin_url" -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$db_name\" WITH (FORCE)" -c "CREATE DATABASE \"$db_name\""
# WG_ENDPOINT (e2e/env.ts) is the server namespace's address, $STACK_SERVER_LAN_IP:51820.
node --import tsx cli/wiregui.ts setup --no-interactive

if [ "$(id -u)" -eq 0 ]; then
  mkdir -p "$state" && chmod 700 "$state"
  stack_network_down "$state"
  rm -rf "$state/victoria-metrics" "$state/clients"
  stack_network_up
  export WG_INTERFACE=$STACK_SERVER_IF WG_METRICS_ENABLED=true WG_VICTORIAMETRICS_URL=http://127.0.0.1:$vm_port
  start_victoria_metrics "$state" "$vm_port"
  start_collector "$state"
  start_mock_clients "$state"
  start_destination "$state"
else
  echo "e2e: not root, so no WireGuard data plane: the live-metrics specs will fail saying so" >&2
fi
exec npx next start -H 127.0.0.1 -p "$PORT"
