#!/usr/bin/env bash
# Runs WireGUI locally, as root: PostgreSQL, VictoriaMetrics, the first-run setup, a WireGuard
# server in its own network namespace kept equal to the database by the collector (which also
# polls its stats every 5 s), three mock clients (registered as devices of demo@wiregui.local)
# pinging the server and the destination host through the tunnel every 3 s, and the web app; then prints the URL and the
# admin sign-in. Safe to re-run: it first removes what an earlier run left (its namespaces, its
# processes, wireguard-go sockets) and keeps the database and the metrics.
# State lives in .stack/ (settings with a generated AUTH_SECRET, credentials, client configs, logs).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source scripts/stack-network.sh

state=.stack
port=${WIREGUI_PORT:-3000}
host=${WIREGUI_HOST:-127.0.0.1}
admin_email=${WIREGUI_ADMIN_EMAIL:-admin@wiregui.local}
listen_port=${WG_LISTEN_PORT:-51820}
vm_port=${WIREGUI_VM_PORT:-8428}

[ "$(id -u)" -eq 0 ] || die "the local stack creates network namespaces and WireGuard interfaces: run it as root"
apt_install postgresql-client curl wireguard-go wireguard-tools iproute2 iputils-ping nftables victoria-metrics
ensure_postgres
ensure_node_modules
mkdir -p "$state" && chmod 700 "$state"
stop_pidfile "$state/web.pid"
log "Removing what an earlier run left (namespaces, processes, sockets)"
stack_network_down "$state"

if [ ! -f "$state/wiregui.env" ]; then
  log "Writing $state/wiregui.env"
  umask 077
  cat > "$state/wiregui.env" <<ENV
DATABASE_URL=${DATABASE_URL:-postgresql://postgres:postgres@127.0.0.1:5432/wiregui}
AUTH_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=' | head -c 48)
EXTERNAL_URL=http://$host:$port
ENV
fi
# The server's interface (every WireGuard interface on the machine needs a unique name) and metrics:
# the collector polls every 5 s into PostgreSQL and VictoriaMetrics. Earlier runs' files get them too.
for setting in "WG_INTERFACE=$STACK_SERVER_IF" "WG_METRICS_ENABLED=true" "WG_VICTORIAMETRICS_URL=http://127.0.0.1:$vm_port"; do
  grep -q "^${setting%%=*}=" "$state/wiregui.env" || echo "$setting" >> "$state/wiregui.env"
done
set -a
source "$state/wiregui.env"
set +a

db_name=$(node -e 'console.log(new URL(process.env.DATABASE_URL).pathname.slice(1))')
admin_db_url=$(node -e 'const u = new URL(process.env.DATABASE_URL); u.pathname = "/postgres"; console.log(u.toString())')
if [ "$(psql "$admin_db_url" -qAtc "SELECT 1 FROM pg_database WHERE datname = '$db_name'")" != 1 ]; then
  log "Creating database $db_name"
  psql "$admin_db_url" -qc "CREATE DATABASE \"$db_name\""
fi

log "Setup (safe to repeat); clients connect to the server's namespace at $STACK_SERVER_LAN_IP:$listen_port"
setup_output=$(node --import tsx cli/wiregui.ts setup --no-interactive --admin-email "$admin_email" --generate-password \
  --endpoint "$STACK_SERVER_LAN_IP:$listen_port" --listen-port "$listen_port")
echo "$setup_output" | grep -v "^    $admin_email " || true
generated=$(echo "$setup_output" | awk -v email="$admin_email" '$1 == email { print $2 }')
if [ -n "$generated" ]; then
  (umask 077; printf '%s %s\n' "$admin_email" "$generated" > "$state/admin-credentials")
fi

log "Network namespaces: $(stack_namespaces | tr '\n' ' ')"
stack_network_up
stack_full_tunnel_network_up

log "Starting VictoriaMetrics on 127.0.0.1:$vm_port (7-day retention, data in $state/victoria-metrics)"
start_victoria_metrics "$state" "$vm_port"
start_collector "$state"
start_mock_clients "$state"
start_destination "$state"
start_full_tunnel_client "$state"

log "Building the web app"
npx next build > "$state/build.log" 2>&1 || { tail -n 40 "$state/build.log"; die "next build failed (full log: $state/build.log)"; }

log "Starting the web app on http://$host:$port"
setsid npx next start -H "$host" -p "$port" > "$state/web.log" 2>&1 < /dev/null &
echo $! > "$state/web.pid"
for _ in $(seq 1 60); do
  curl -fsS "http://$host:$port/api/health" >/dev/null 2>&1 && break
  kill -0 "$(cat "$state/web.pid")" 2>/dev/null || { tail -n 20 "$state/web.log"; die "the web app exited (log: $state/web.log)"; }
  sleep 1
done
curl -fsS "http://$host:$port/api/health" >/dev/null || die "the web app did not become healthy (log: $state/web.log)"

echo
echo "WireGUI is running at $EXTERNAL_URL"
if [ -f "$state/admin-credentials" ]; then
  read -r cred_email cred_password < "$state/admin-credentials"
  echo "Admin sign-in: $cred_email / $cred_password   (also in $state/admin-credentials)"
else
  echo "Admin sign-in: $admin_email (password set earlier; reset it with: npm run reset-admin-password)"
fi
if [ -f "$state/clients/demo-credentials" ]; then
  read -r demo_email demo_password < "$state/clients/demo-credentials"
  echo "Demo user (owns the mock clients wguic1-3): $demo_email / $demo_password"
fi
echo "Check the tunnel: npm run stack:verify    Logs: $state/*.log    Stop: npm run stack:down"
