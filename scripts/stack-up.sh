#!/usr/bin/env bash
# Runs WireGUI locally, as root: PostgreSQL, the first-run setup, a WireGuard server in its own
# network namespace kept equal to the database by the collector, three mock clients (registered as
# devices of demo@wiregui.local) pinging each other through the tunnel every 3 s, and the web app;
# then prints the URL and the admin sign-in. Safe to re-run: it first removes what an earlier run
# left (its namespaces, its processes, wireguard-go sockets) and keeps the database.
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
# The server's interface; every WireGuard interface on the machine needs a unique name.
grep -q '^WG_INTERFACE=' "$state/wiregui.env" || echo "WG_INTERFACE=$STACK_SERVER_IF" >> "$state/wiregui.env"
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

# The collector runs in the server namespace, where 127.0.0.1 is not the host's: PostgreSQL is
# reached through a Unix socket that socat forwards to DATABASE_URL's host and port.
pg_socket_dir="$PWD/$state/pg"
mkdir -p "$pg_socket_dir" && chmod 700 "$pg_socket_dir"
read -r pg_host pg_port < <(node -e 'const u = new URL(process.env.DATABASE_URL); console.log(u.hostname.replace(/^\[|\]$/g, ""), u.port || 5432)')
pg_socket="$pg_socket_dir/.s.PGSQL.$pg_port"
[ ${#pg_socket} -lt 108 ] || die "the PostgreSQL socket path $pg_socket is too long for a Unix socket: move the checkout to a shorter path"
log "Forwarding $pg_socket to PostgreSQL at $pg_host:$pg_port"
setsid socat "UNIX-LISTEN:$pg_socket,fork,mode=600,unlink-early" "TCP:$pg_host:$pg_port" > "$state/pg-bridge.log" 2>&1 < /dev/null &
echo $! > "$state/pg-bridge.pid"
collector_db_url=$(node -e 'const u = new URL(process.env.DATABASE_URL); u.searchParams.set("host", process.argv[1]); console.log(u.toString())' "$pg_socket_dir")

log "Starting the collector in $STACK_SERVER_NS (it brings $STACK_SERVER_IF up)"
DATABASE_URL=$collector_db_url WG_INTERFACE=$STACK_SERVER_IF WG_MANAGE_INTERFACE=true \
  setsid ip netns exec "$STACK_SERVER_NS" node --import tsx collector/main.ts >> "$state/collector.log" 2>&1 < /dev/null &
echo $! > "$state/collector.pid"
for _ in $(seq 1 60); do
  is_server_interface_up && break
  kill -0 "$(cat "$state/collector.pid")" 2>/dev/null || { tail -n 20 "$state/collector.log"; die "the collector exited (log: $state/collector.log)"; }
  sleep 0.5
done
is_server_interface_up || { tail -n 20 "$state/collector.log"; die "$STACK_SERVER_IF did not come up within 30 s (log: $state/collector.log)"; }

log "Registering demo@wiregui.local and the mock clients as devices"
node --import tsx scripts/stack-clients.ts --out "$state/clients" --count "${#STACK_CLIENT_IDS[@]}"

for i in "${STACK_CLIENT_IDS[@]}"; do
  ns=$(stack_client_ns "$i")
  iface=$(stack_client_if "$i")
  ip netns exec "$ns" node --import tsx scripts/mock-client.ts --config "$state/clients/$iface.conf" --interface "$iface"
  # shellcheck disable=SC2046 # one address per word
  setsid ip netns exec "$ns" bash scripts/mock-client-pings.sh $(cat "$state/clients/$iface.peers") \
    > "$state/ping-$iface.log" 2>&1 < /dev/null &
  echo $! > "$state/ping-$iface.pid"
done
log "Mock clients ping each other every 3 s (misses in $state/ping-wguicN.log)"

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
