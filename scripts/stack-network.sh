# shellcheck shell=bash
# The local stack's network, sourced by the stack and e2e scripts (after lib.sh). Every name starts
# with STACK_PREFIX ("wgui" for the stack, "wgue" for the e2e run, so both can run at once) and is
# listed here, so cleanup removes exactly what its owner created.
#
#   wgui-srv   bridge wguibr0 198.18.0.1/24 (the "internet"), WireGuard wguis0 (wireguard-go,
#              brought up by the collector), forwarding on
#   wgui-cN    veth wguiv-cN 198.18.0.1N/24 (its other end wguiv-sN on the bridge), WireGuard
#              wguicN configured from the device's config, a ping loop (the server's tunnel
#              addresses and the destination host: what client isolation allows by default)
#   wgui-dst   the network behind the VPN: veth wguiv-d 198.19.200.2/24 + fd00:d57::2/64 (the
#              server's end wguiv-sd .1), TCP services on 8080 and 8081 (scripts/stack-destination.ts)
#              that the mock clients reach through the tunnel, for egress rules
#   wgui-ft    (stack:up only) a full-tunnel client: veth wguiv-ft 198.18.0.20/24 on the bridge,
#              WireGuard wguift with AllowedIPs 0.0.0.0/0, ::/0 and its default routes through it
#   wgui-pub   (stack:up only) a "public" host: veth wguiv-p 198.18.1.2/24 + 2001:db8:1::2/64 (the
#              server's end wguiv-sp .1), NO route back to the tunnel networks: the full-tunnel
#              client reaches its TCP services only because the collector masquerades the tunnel
# 198.18.0.0/15 and 2001:db8::/32 are reserved (benchmarking, documentation) and only exist inside
# these namespaces.

STACK_PREFIX=${STACK_PREFIX:-wgui}
STACK_SERVER_NS=$STACK_PREFIX-srv
STACK_SERVER_IF=${STACK_PREFIX}s0
STACK_BRIDGE=${STACK_PREFIX}br0
STACK_LAN_PREFIX=198.18.0
STACK_SERVER_LAN_IP=$STACK_LAN_PREFIX.1
mapfile -t STACK_CLIENT_IDS < <(seq 1 "${STACK_CLIENT_COUNT:-3}")
# Must match DESTINATION in scripts/stack-destination.ts.
STACK_DEST_NS=$STACK_PREFIX-dst
STACK_DEST_V4=198.19.200
STACK_DEST_V6=fd00:d57:
STACK_DEST_NETWORKS="$STACK_DEST_V4.0/24,${STACK_DEST_V6}:/64"
# Must match PUBLIC_HOST and FULL_TUNNEL in scripts/stack-verify.ts.
STACK_FULL_NS=$STACK_PREFIX-ft
STACK_FULL_IF=${STACK_PREFIX}ft
STACK_PUBLIC_NS=$STACK_PREFIX-pub
STACK_PUBLIC_V4=198.18.1
STACK_PUBLIC_V6=2001:db8:1:

stack_client_ns() { echo "$STACK_PREFIX-c$1"; }
stack_client_if() { echo "${STACK_PREFIX}c$1"; }

stack_namespaces() {
  echo "$STACK_SERVER_NS"
  for i in "${STACK_CLIENT_IDS[@]}"; do stack_client_ns "$i"; done
  echo "$STACK_DEST_NS"
  echo "$STACK_FULL_NS"
  echo "$STACK_PUBLIC_NS"
}

has_namespace() { ip netns list | awk -v ns="$1" '$1 == ns { found = 1 } END { exit !found }'; }

# Stops the stack's network processes (from their pid files), then removes its namespaces with
# whatever still runs inside them (wireguard-go daemons), and wireguard-go sockets left behind.
stack_network_down() {
  local state=$1 ns pids iface
  for pidfile in "$state"/ping-*.pid "$state/destination.pid" "$state/public.pid" "$state/collector.pid" "$state/pg-bridge.pid" "$state/victoria-metrics.pid"; do stop_pidfile "$pidfile"; done
  for ns in $(stack_namespaces); do
    has_namespace "$ns" || continue
    [ "$(id -u)" -eq 0 ] || die "namespace $ns exists: run as root to remove it"
    pids=$(ip netns pids "$ns" || true)
    if [ -n "$pids" ]; then
      # shellcheck disable=SC2086 # one pid per word
      kill $pids 2>/dev/null || true
      for _ in $(seq 1 20); do [ -z "$(ip netns pids "$ns")" ] && break; sleep 0.25; done
      pids=$(ip netns pids "$ns" || true)
      # shellcheck disable=SC2086
      [ -z "$pids" ] || kill -9 $pids 2>/dev/null || true
    fi
    ip netns delete "$ns"
  done
  for iface in "$STACK_SERVER_IF" "$STACK_FULL_IF" $(for i in "${STACK_CLIENT_IDS[@]}"; do stack_client_if "$i"; done); do
    rm -f "/var/run/wireguard/$iface.sock"
  done
}

stack_network_up() {
  local i ns
  ip netns add "$STACK_SERVER_NS"
  ip -n "$STACK_SERVER_NS" link set lo up
  ip -n "$STACK_SERVER_NS" link add "$STACK_BRIDGE" type bridge
  ip -n "$STACK_SERVER_NS" address add "$STACK_SERVER_LAN_IP/24" dev "$STACK_BRIDGE"
  ip -n "$STACK_SERVER_NS" link set "$STACK_BRIDGE" up
  # A VPN gateway forwards between its peers: this is how the clients reach each other.
  ip netns exec "$STACK_SERVER_NS" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
  for i in "${STACK_CLIENT_IDS[@]}"; do
    ns=$(stack_client_ns "$i")
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    # Both ends are created in their namespaces: nothing appears in the host's namespace.
    ip link add "${STACK_PREFIX}v-c$i" netns "$ns" type veth peer name "${STACK_PREFIX}v-s$i" netns "$STACK_SERVER_NS"
    ip -n "$STACK_SERVER_NS" link set "${STACK_PREFIX}v-s$i" master "$STACK_BRIDGE" up
    ip -n "$ns" address add "$STACK_LAN_PREFIX.1$i/24" dev "${STACK_PREFIX}v-c$i"
    ip -n "$ns" link set "${STACK_PREFIX}v-c$i" up
  done
  # The destination network: reached only through the server, which routes the tunnel back to it.
  stack_host_behind_server "$STACK_DEST_NS" d "$STACK_DEST_V4" "$STACK_DEST_V6"
  ip -n "$STACK_DEST_NS" route add default via "$STACK_DEST_V4.1"
  ip -n "$STACK_DEST_NS" -6 route add default via "${STACK_DEST_V6}:1"
}

# A namespace NS joined to the server by the veth pair ${STACK_PREFIX}v-TAG / ${STACK_PREFIX}v-sTAG:
# the server is V4.1 and V6:1, the host V4.2 and V6:2 (routes are the caller's business).
stack_host_behind_server() {
  local ns=$1 tag=$2 v4=$3 v6=$4
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip link add "${STACK_PREFIX}v-$tag" netns "$ns" type veth peer name "${STACK_PREFIX}v-s$tag" netns "$STACK_SERVER_NS"
  ip -n "$STACK_SERVER_NS" address add "$v4.1/24" dev "${STACK_PREFIX}v-s$tag"
  ip -n "$STACK_SERVER_NS" address add "${v6}:1/64" dev "${STACK_PREFIX}v-s$tag" nodad
  ip -n "$STACK_SERVER_NS" link set "${STACK_PREFIX}v-s$tag" up
  ip -n "$ns" address add "$v4.2/24" dev "${STACK_PREFIX}v-$tag"
  ip -n "$ns" address add "${v6}:2/64" dev "${STACK_PREFIX}v-$tag" nodad
  ip -n "$ns" link set "${STACK_PREFIX}v-$tag" up
}

# The "public" host and the full-tunnel client's namespace (stack:up only; the e2e run has neither).
stack_full_tunnel_network_up() {
  stack_host_behind_server "$STACK_PUBLIC_NS" p "$STACK_PUBLIC_V4" "$STACK_PUBLIC_V6"
  ip netns add "$STACK_FULL_NS"
  ip -n "$STACK_FULL_NS" link set lo up
  ip link add "${STACK_PREFIX}v-ft" netns "$STACK_FULL_NS" type veth peer name "${STACK_PREFIX}v-sft" netns "$STACK_SERVER_NS"
  ip -n "$STACK_SERVER_NS" link set "${STACK_PREFIX}v-sft" master "$STACK_BRIDGE" up
  ip -n "$STACK_FULL_NS" address add "$STACK_LAN_PREFIX.20/24" dev "${STACK_PREFIX}v-ft"
  ip -n "$STACK_FULL_NS" link set "${STACK_PREFIX}v-ft" up
}

# The full-tunnel client (its default routes through wguift, inside wgui-ft only) and the public
# host's TCP services, which answer with the source address they see.
start_full_tunnel_client() {
  local state=$1
  node --import tsx scripts/stack-clients.ts --out "$state/clients" --full-tunnel "$STACK_FULL_IF"
  ip netns exec "$STACK_FULL_NS" node --import tsx scripts/mock-client.ts --config "$state/clients/$STACK_FULL_IF.conf" --interface "$STACK_FULL_IF" --full-tunnel
  setsid ip netns exec "$STACK_PUBLIC_NS" node --import tsx scripts/stack-destination.ts > "$state/public.log" 2>&1 < /dev/null &
  echo $! > "$state/public.pid"
}

# The destination's TCP services (8080, 8081), which egress rules are shown on.
start_destination() {
  local state=$1
  setsid ip netns exec "$STACK_DEST_NS" node --import tsx scripts/stack-destination.ts > "$state/destination.log" 2>&1 < /dev/null &
  echo $! > "$state/destination.pid"
}

# True once the collector has brought the server's WireGuard interface up.
is_server_interface_up() {
  [[ "$(ip -n "$STACK_SERVER_NS" -j link show dev "$STACK_SERVER_IF" 2>/dev/null)" == *'"UP"'* ]]
}

# VictoriaMetrics for the stack, on loopback, its data in $state/victoria-metrics (kept across runs).
# -search.latencyOffset=5s: charts show the last poll within seconds (the default hides 30 s);
# -search.cacheTimestampOffset=35m: samples the collector buffered through an outage (up to 30 min)
# arrive late, so query results that recent are never cached with a gap in them.
start_victoria_metrics() {
  local state=$1 port=$2
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
    die "something already answers on 127.0.0.1:$port (not this stack's VictoriaMetrics): stop it or set WIREGUI_VM_PORT"
  fi
  mkdir -p "$state/victoria-metrics"
  setsid victoria-metrics -storageDataPath="$state/victoria-metrics" -httpListenAddr="127.0.0.1:$port" -retentionPeriod=7d \
    -search.latencyOffset=5s -search.cacheTimestampOffset=35m > "$state/victoria-metrics.log" 2>&1 < /dev/null &
  echo $! > "$state/victoria-metrics.pid"
  for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    kill -0 "$(cat "$state/victoria-metrics.pid")" 2>/dev/null || break
    sleep 0.5
  done
  tail -n 20 "$state/victoria-metrics.log"
  die "VictoriaMetrics did not start on 127.0.0.1:$port (log: $state/victoria-metrics.log)"
}

# The collector, run from the host's namespace with its wg/ip commands inside the server's
# (WG_NETNS), so it reaches PostgreSQL and VictoriaMetrics on loopback. Compose runs the same
# program inside the WireGuard container's namespace instead. It gets the encryption key derived
# from AUTH_SECRET, never AUTH_SECRET itself (which signs sessions).
start_collector() {
  local state=$1 encryption_key
  encryption_key=$(node --import tsx cli/wiregui.ts print-encryption-key) || die "could not derive the collector's encryption key"
  log "Starting the collector for $STACK_SERVER_IF in $STACK_SERVER_NS (it brings the interface up)"
  env -u AUTH_SECRET -u NEXTAUTH_SECRET WIREGUI_ENCRYPTION_KEY="$encryption_key" \
    WG_INTERFACE=$STACK_SERVER_IF WG_NETNS=$STACK_SERVER_NS WG_MANAGE_INTERFACE=true \
    setsid node --import tsx collector/main.ts >> "$state/collector.log" 2>&1 < /dev/null &
  echo $! > "$state/collector.pid"
  for _ in $(seq 1 60); do
    is_server_interface_up && return 0
    kill -0 "$(cat "$state/collector.pid")" 2>/dev/null || { tail -n 20 "$state/collector.log"; die "the collector exited (log: $state/collector.log)"; }
    sleep 0.5
  done
  tail -n 20 "$state/collector.log"
  die "$STACK_SERVER_IF did not come up within 30 s (log: $state/collector.log)"
}

# Registers the mock clients as devices (through the app's code), configures their interfaces from
# the generated configs and starts their ping loops: the server's tunnel addresses and the
# destination host, not each other (peer to peer is off by default).
start_mock_clients() {
  local state=$1 i ns iface
  log "Registering demo@wiregui.local and the mock clients as devices"
  node --import tsx scripts/stack-clients.ts --out "$state/clients" --count "${#STACK_CLIENT_IDS[@]}" --name-prefix "${STACK_PREFIX}c" \
    --extra-allowed-ips "$STACK_DEST_NETWORKS" --ping "$STACK_DEST_V4.2,${STACK_DEST_V6}:2"
  for i in "${STACK_CLIENT_IDS[@]}"; do
    ns=$(stack_client_ns "$i")
    iface=$(stack_client_if "$i")
    ip netns exec "$ns" node --import tsx scripts/mock-client.ts --config "$state/clients/$iface.conf" --interface "$iface"
    # shellcheck disable=SC2046 # one address per word
    setsid ip netns exec "$ns" bash scripts/mock-client-pings.sh $(cat "$state/clients/$iface.peers") \
      > "$state/ping-$iface.log" 2>&1 < /dev/null &
    echo $! > "$state/ping-$iface.pid"
  done
  log "Mock clients ping the server and the destination host every 3 s (misses in $state/ping-${STACK_PREFIX}cN.log)"
}
